package dev.eider.receiver.otap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ReceiverFactory;

/** Contributes the {@code otap} receiver to a distribution's receiver factories. */
@Module
public interface OtapReceiverModule {
    @Provides
    @IntoMap
    @StringKey(OtapReceiverFactory.TYPE)
    static ReceiverFactory<?> otap() {
        return new OtapReceiverFactory();
    }
}
