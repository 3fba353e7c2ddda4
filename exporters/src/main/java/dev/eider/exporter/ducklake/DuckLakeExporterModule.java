package dev.eider.exporter.ducklake;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ExporterFactory;

/** Contributes the {@code ducklake} exporter type to the collector's component registry. */
@Module
public abstract class DuckLakeExporterModule {
    @Provides
    @IntoMap
    @StringKey(DuckLakeExporterFactory.TYPE)
    static ExporterFactory<?> ducklake() {
        return new DuckLakeExporterFactory();
    }
}
