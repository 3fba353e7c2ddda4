package dev.eider.distribution;

import dagger.Module;
import dev.eider.exporter.duckdb.DuckDbExporterModule;
import dev.eider.exporter.ducklake.DuckLakeExporterModule;
import dev.eider.exporter.iceberg.IcebergExporterModule;
import dev.eider.exporter.parquet.ParquetExporterModule;
import dev.eider.processor.attributes.AttributesProcessorModule;
import dev.eider.processor.auth.AuthProcessorModule;
import dev.eider.processor.batch.BatchProcessorModule;
import dev.eider.receiver.otap.OtapReceiverModule;
import dev.eider.receiver.otlp.OtlpReceiverModule;
import dev.eider.runtime.admin.AdminExtensionModule;

/**
 * Every standard component module in one place: the standard distribution lists this, and a
 * custom distribution lists it next to its own modules.
 */
@Module(includes = {
    OtlpReceiverModule.class,
    OtapReceiverModule.class,
    AuthProcessorModule.class,
    AttributesProcessorModule.class,
    BatchProcessorModule.class,
    DuckDbExporterModule.class,
    DuckLakeExporterModule.class,
    IcebergExporterModule.class,
    ParquetExporterModule.class,
    AdminExtensionModule.class,
})
public abstract class StandardModules {
    private StandardModules() {}
}
