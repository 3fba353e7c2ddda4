package dev.eider.runtime.component;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An exporter whose committed rows can be read with SQL while it runs (the admin API's
 * {@code POST /v1/query}). The runtime finds query targets among the exporters by this type.
 */
public interface QueryTarget {
    /**
     * Opens a new DuckDB connection that sees the target's tables (unqualified table names
     * resolve to them) and only committed rows. Called from admin threads while seals run;
     * the caller closes it. The caller makes it read-only; this method must not share it.
     */
    Connection openQueryConnection() throws SQLException;

    /**
     * Absolute directories, or object-store URL prefixes such as {@code s3://bucket/prefix},
     * whose Parquet files the target's tables read through {@code read_parquet} views: the query
     * guard lets a bound {@code read_parquet} scan files under them and nowhere else. Empty (the
     * default) for targets that read no files.
     */
    default List<String> queryFileRoots() {
        return List.of();
    }

    /**
     * True when the target's tables are the tables of an Iceberg catalog that its query
     * connections attach, and nothing else reads Iceberg there: the query guard then lets a
     * bound plan scan Iceberg tables (see the admin package's PhysicalPlanCheck for why that is
     * safe only for such targets). False (the default) for every other target.
     */
    default boolean queriesIcebergCatalog() {
        return false;
    }
}
