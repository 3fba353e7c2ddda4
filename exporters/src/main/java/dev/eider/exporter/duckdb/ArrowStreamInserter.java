package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/** Inserts one table's batches of a seal with a single {@code INSERT ... SELECT} over the Arrow stream. */
final class ArrowStreamInserter {
    private static final String VIEW_PREFIX = "eider_seal_";

    private final DuckDBConnection connection;
    private final BufferAllocator allocator;

    ArrowStreamInserter(DuckDBConnection connection, BufferAllocator allocator) {
        this.connection = connection;
        this.allocator = allocator;
    }

    /**
     * Runs the insert inside the caller's transaction and returns the rows inserted. Only the batch
     * columns named in {@code tableColumns} (lower case) are inserted, so promoted columns a target
     * could not add are left out. On failure the transaction is left for the caller to roll back
     * (which also drops the view).
     */
    long insert(String qualifiedTable, Table table, List<TableBatch> batches, Set<String> tableColumns)
            throws SQLException {
        long expectedRows = ArrowStreamView.rowCount(batches);
        return ArrowStreamView.read(connection, allocator, VIEW_PREFIX + table.tableName(), table, batches,
                (view, schema) -> {
                    String columns = columnList(schema, tableColumns);
                    long inserted;
                    try (var statement = connection.createStatement()) {
                        inserted = statement.executeUpdate("INSERT INTO " + qualifiedTable + " (" + columns
                                + ") SELECT " + columns + " FROM " + view);
                    }
                    if (inserted != expectedRows) {
                        throw new SQLException("inserted " + inserted + " rows into " + qualifiedTable
                                + " but the seal holds " + expectedRows);
                    }
                    return inserted;
                });
    }

    /** The stream's columns the table has, by name in stream order, so the table may have more or fewer. */
    private static String columnList(Schema schema, Set<String> tableColumns) {
        return schema.getFields().stream()
                .map(Field::getName)
                .filter(name -> tableColumns.contains(name.toLowerCase(Locale.ROOT)))
                .map(Table::quote)
                .collect(Collectors.joining(", "));
    }
}
