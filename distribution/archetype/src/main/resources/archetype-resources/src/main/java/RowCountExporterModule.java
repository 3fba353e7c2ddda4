package ${package};

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ExporterFactory;

/** Contributes the {@code row_count} exporter type to a distribution. */
@Module
public abstract class RowCountExporterModule {
    private RowCountExporterModule() {}

    @Provides
    @IntoMap
    @StringKey(RowCountExporterFactory.TYPE)
    static ExporterFactory<?> rowCount() {
        return new RowCountExporterFactory();
    }
}
