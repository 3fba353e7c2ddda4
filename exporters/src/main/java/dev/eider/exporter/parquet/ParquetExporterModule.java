package dev.eider.exporter.parquet;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ExporterFactory;

/** Contributes the {@code parquet} exporter type to the collector's component registry. */
@Module
public abstract class ParquetExporterModule {
    @Provides
    @IntoMap
    @StringKey(ParquetExporterFactory.TYPE)
    static ExporterFactory<?> parquet() {
        return new ParquetExporterFactory();
    }
}
