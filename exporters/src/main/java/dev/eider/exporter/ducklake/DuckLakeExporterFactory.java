package dev.eider.exporter.ducklake;

import dev.eider.exporter.duckdb.DuckDbKeys;
import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import java.time.Duration;
import java.util.Optional;

/** The {@code ducklake} exporter type: seals rows into a DuckLake lakehouse (catalog + Parquet files). */
public final class DuckLakeExporterFactory implements ExporterFactory<DuckLakeConfig> {
    public static final String TYPE = "ducklake";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.BETA;
    }

    @Override
    public DuckLakeConfig bind(ConfigSection section) {
        String metadata = section.string("metadata", "");
        if (metadata.isBlank()) {
            section.error("metadata", "is required: the DuckLake catalog, a DuckDB file path, "
                    + "'sqlite:<file>' or 'postgres:<connection string>'");
        }
        Optional<String> dataPath = Optional.empty();
        if (section.has("data_path")) {
            String path = section.string("data_path", "");
            if (path.isBlank()) {
                section.error("data_path", "must not be empty when set");
            } else {
                dataPath = Optional.of(path);
            }
        }
        String schema = DuckDbKeys.schema(section);
        boolean createTables = section.bool("create_tables", true);
        long targetFileSize = section.size("target_file_size", DuckLakeConfig.DEFAULT_TARGET_FILE_SIZE);
        if (targetFileSize <= 0) {
            section.error("target_file_size", "must be > 0");
        }
        Duration retention = section.duration("maintenance_retention", DuckLakeConfig.DEFAULT_MAINTENANCE_RETENTION);
        if (retention.isNegative() || retention.isZero()) {
            section.error("maintenance_retention", "must be > 0");
        }
        Optional<String> extensionDirectory = DuckDbKeys.extensionDirectory(section);
        return new DuckLakeConfig(metadata, dataPath, schema, createTables, targetFileSize, retention,
                extensionDirectory);
    }

    @Override
    public Exporter create(ExporterContext context, DuckLakeConfig config) {
        return new DuckLakeExporter(context.id(), context.allocator(), config, context.extraColumns());
    }
}
