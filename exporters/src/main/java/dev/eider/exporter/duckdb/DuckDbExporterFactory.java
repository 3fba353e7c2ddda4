package dev.eider.exporter.duckdb;

import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import java.util.Optional;

/** The {@code duckdb} exporter type: seals rows into a local DuckDB database file. */
public final class DuckDbExporterFactory implements ExporterFactory<DuckDbConfig> {
    public static final String TYPE = "duckdb";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.BETA;
    }

    @Override
    public DuckDbConfig bind(ConfigSection section) {
        String path = section.string("path", DuckDbConfig.DEFAULT_PATH);
        if (path.isBlank()) {
            section.error("path", "must not be empty (use ':memory:' for an in-memory database)");
        }
        String schema = DuckDbKeys.schema(section);
        boolean createTables = section.bool("create_tables", true);
        Optional<String> extensionDirectory = DuckDbKeys.extensionDirectory(section);
        return new DuckDbConfig(path, schema, createTables, extensionDirectory);
    }

    @Override
    public Exporter create(ExporterContext context, DuckDbConfig config) {
        return new DuckDbExporter(context.id(), context.allocator(), config, context.extraColumns());
    }
}
