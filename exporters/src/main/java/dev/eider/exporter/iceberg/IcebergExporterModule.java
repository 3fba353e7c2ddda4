package dev.eider.exporter.iceberg;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ExporterFactory;

/** Contributes the {@code iceberg} exporter type to the collector's component registry. */
@Module
public abstract class IcebergExporterModule {
    @Provides
    @IntoMap
    @StringKey(IcebergExporterFactory.TYPE)
    static ExporterFactory<?> iceberg() {
        return new IcebergExporterFactory();
    }
}
