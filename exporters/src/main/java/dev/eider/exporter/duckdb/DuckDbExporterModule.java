package dev.eider.exporter.duckdb;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ExporterFactory;

/** Contributes the {@code duckdb} exporter type to the collector's component registry. */
@Module
public abstract class DuckDbExporterModule {
    @Provides
    @IntoMap
    @StringKey(DuckDbExporterFactory.TYPE)
    static ExporterFactory<?> duckdb() {
        return new DuckDbExporterFactory();
    }
}
