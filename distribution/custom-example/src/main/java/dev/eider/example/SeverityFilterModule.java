package dev.eider.example;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ProcessorFactory;

/** Contributes the {@code severity_filter} processor to a distribution. */
@Module
public abstract class SeverityFilterModule {
    private SeverityFilterModule() {}

    @Provides
    @IntoMap
    @StringKey(SeverityFilterFactory.TYPE)
    static ProcessorFactory<?> severityFilter() {
        return new SeverityFilterFactory();
    }
}
