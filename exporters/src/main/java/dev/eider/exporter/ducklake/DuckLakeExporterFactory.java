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
        Optional<String> writerId = Optional.empty();
        if (section.has("writer_id")) {
            String id = section.string("writer_id", "");
            if (id.isBlank()) {
                section.error("writer_id", "must not be empty when set");
            } else {
                writerId = Optional.of(id);
            }
        }
        boolean maintenance = section.bool("maintenance", true);
        DuckLakeConfig config = new DuckLakeConfig(metadata, dataPath, schema, createTables, targetFileSize, retention,
                extensionDirectory, writerId, maintenance);
        if (config.sharedCatalog() && retention.compareTo(DuckLakeConfig.MIN_SHARED_MAINTENANCE_RETENTION) < 0
                && !retention.isNegative() && !retention.isZero()) {
            section.error("maintenance_retention", "must be at least 1m with a shared (sqlite: or postgres:) "
                    + "catalog: maintenance deletes unlisted files older than this, and another writer's seal "
                    + "still in flight has such files");
        }
        return config;
    }

    @Override
    public Exporter create(ExporterContext context, DuckLakeConfig config) {
        return new DuckLakeExporter(context.id(), context.allocator(), config, context.extraColumns());
    }
}
