package dev.eider.receiver.otlp;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ReceiverFactory;

/** Registers the {@code otlp} receiver with a distribution's Dagger component. */
@Module
public final class OtlpReceiverModule {
    private OtlpReceiverModule() {}

    @Provides
    @IntoMap
    @StringKey(OtlpReceiverFactory.TYPE)
    static ReceiverFactory<?> otlpReceiverFactory() {
        return new OtlpReceiverFactory();
    }
}
