package dev.eider.exporter.parquet;

import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Read-only views named like the six tables over the exporter's Parquet files, for queries. The
 * views read every file of a table with hive partitioning (adding VARCHAR columns {@code year},
 * {@code month}, {@code day}) and by column name, so files with and without promoted columns mix.
 */
public final class ParquetViews {
    private static final List<String> PARTITION_COLUMNS = List.of("year", "month", "day");

    private final String root;

    /** {@code root} is the exporter's {@code path}. */
    public ParquetViews(String root) {
        this.root = stripTrailingSlash(root);
    }

    /** The glob of a table's files. */
    public String fileGlob(Table table) {
        return PartitionedCopy.tableDirectory(root, table) + "/**/*.parquet";
    }

    /** The query reading all of a table's files; DuckDB fails it while the table has no file. */
    public String viewSql(Table table) {
        return "SELECT * FROM read_parquet(" + Sql.string(fileGlob(table))
                + ", hive_partitioning = true, union_by_name = true)";
    }

    /**
     * Creates or replaces, on {@code connection}, one view per table. A table without files yet
     * gets an empty view with its base columns; call again to pick up tables that got files since.
     */
    public void createViews(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                String query = hasFiles(statement, table) ? viewSql(table) : emptySql(table);
                statement.execute("CREATE OR REPLACE VIEW " + Table.quote(table.tableName()) + " AS " + query);
            }
        }
    }

    private boolean hasFiles(Statement statement, Table table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM glob(" + Sql.string(fileGlob(table)) + ")")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private static String emptySql(Table table) {
        Stream<String> base = table.columns().stream()
                .map(c -> "CAST(NULL AS " + c.type().sqlType() + ") AS " + Table.quote(c.name()));
        Stream<String> partitions = PARTITION_COLUMNS.stream()
                .map(p -> "CAST(NULL AS VARCHAR) AS " + p);
        return "SELECT " + Stream.concat(base, partitions).collect(Collectors.joining(", ")) + " WHERE false";
    }

    static String stripTrailingSlash(String path) {
        String stripped = path;
        while (stripped.length() > 1 && stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
