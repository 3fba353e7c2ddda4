package dev.eider.processor.batch;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ProcessorFactory;

/** Contributes the {@code batch} processor to a distribution's processor factories. */
@Module
public interface BatchProcessorModule {
    @Provides
    @IntoMap
    @StringKey(BatchProcessorFactory.TYPE)
    static ProcessorFactory<?> batch() {
        return new BatchProcessorFactory();
    }
}
