package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Table;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a DuckDB connection keeps the six tables: a schema, either in an attached catalog (a
 * DuckLake alias) or, without one, in the connection's own database.
 */
public record TableLocation(Optional<String> catalog, String schema) {
    public TableLocation {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(schema, "schema");
    }

    /** The schema in the connection's own database. */
    public static TableLocation inDatabase(String schema) {
        return new TableLocation(Optional.empty(), schema);
    }

    public static TableLocation inCatalog(String catalog, String schema) {
        return new TableLocation(Optional.of(catalog), schema);
    }

    /** The schema as SQL, quoted and qualified by the catalog when there is one. */
    public String qualifiedSchema() {
        return catalog.map(c -> Table.quote(c) + ".").orElse("") + Table.quote(schema);
    }

    /** The table as SQL, quoted and qualified. */
    public String qualified(Table table) {
        return qualifiedSchema() + "." + Table.quote(table.tableName());
    }
}
