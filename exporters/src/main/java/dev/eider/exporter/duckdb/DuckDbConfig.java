package dev.eider.exporter.duckdb;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code duckdb} exporter's settings.
 *
 * @param path the database file, or {@value #IN_MEMORY} for a database that lives as long as the exporter
 * @param schema the schema the six tables live in
 * @param createTables create the schema and missing tables at start (then validate them all);
 *     when false, existing tables are only validated
 * @param extensionDirectory where DuckDB installs and loads extensions from, if not its default
 */
public record DuckDbConfig(String path, String schema, boolean createTables, Optional<String> extensionDirectory) {
    public static final String IN_MEMORY = ":memory:";
    public static final String DEFAULT_PATH = "./eider.duckdb";
    public static final String DEFAULT_SCHEMA = DuckDbKeys.DEFAULT_SCHEMA;

    public DuckDbConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(extensionDirectory, "extensionDirectory");
    }

    public boolean inMemory() {
        return IN_MEMORY.equals(path);
    }
}
