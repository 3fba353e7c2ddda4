package dev.eider.processor.auth;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ProcessorFactory;

/** Registers the {@code auth} processor with a distribution's Dagger component. */
@Module
public final class AuthProcessorModule {
    private AuthProcessorModule() {}

    @Provides
    @IntoMap
    @StringKey(AuthProcessorFactory.TYPE)
    static ProcessorFactory<?> authProcessorFactory() {
        return new AuthProcessorFactory();
    }
}
