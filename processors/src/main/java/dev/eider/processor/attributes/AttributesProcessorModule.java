package dev.eider.processor.attributes;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ProcessorFactory;

/** Contributes the {@code attributes} processor type to the collector's component registry. */
@Module
public abstract class AttributesProcessorModule {
    @Provides
    @IntoMap
    @StringKey(AttributesProcessorFactory.TYPE)
    static ProcessorFactory<?> attributes() {
        return new AttributesProcessorFactory();
    }
}
