package dev.eider.exporter.duckdb;

import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code duckdb} exporter type: seals rows into a local DuckDB database file. */
public final class DuckDbExporterFactory implements ExporterFactory<DuckDbConfig> {
    public static final String TYPE = "duckdb";

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

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
        String schema = section.string("schema", DuckDbConfig.DEFAULT_SCHEMA);
        if (!PLAIN_IDENTIFIER.matcher(schema).matches()) {
            section.error("schema", "'" + schema + "' is not a plain identifier (letters, digits and '_', "
                    + "not starting with a digit)");
        }
        boolean createTables = section.bool("create_tables", true);
        Optional<String> extensionDirectory = Optional.empty();
        if (section.has("extension_directory")) {
            String dir = section.string("extension_directory", "");
            if (dir.isBlank()) {
                section.error("extension_directory", "must not be empty when set");
            } else {
                extensionDirectory = Optional.of(dir);
            }
        }
        return new DuckDbConfig(path, schema, createTables, extensionDirectory);
    }

    @Override
    public Exporter create(ExporterContext context, DuckDbConfig config) {
        return new DuckDbExporter(context.id(), context.allocator(), config);
    }
}
