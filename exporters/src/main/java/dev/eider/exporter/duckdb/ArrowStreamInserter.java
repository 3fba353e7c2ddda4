package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
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
     * Runs the insert inside the caller's transaction and returns the rows inserted. On failure the
     * transaction is left for the caller to roll back (which also drops the view).
     */
    long insert(String qualifiedTable, Table table, List<TableBatch> batches) throws SQLException {
        long expectedRows = ArrowStreamView.rowCount(batches);
        return ArrowStreamView.read(connection, allocator, VIEW_PREFIX + table.tableName(), table, batches,
                (view, schema) -> {
                    // the stream's columns by name, so a table with extra trailing columns still matches
                    String columns = schema.getFields().stream().map(Field::getName).map(Table::quote)
                            .collect(Collectors.joining(", "));
                    long inserted;
                    try (var statement = connection.createStatement()) {
                        inserted = statement.executeUpdate(
                                "INSERT INTO " + qualifiedTable + " (" + columns + ") SELECT * FROM " + view);
                    }
                    if (inserted != expectedRows) {
                        throw new SQLException("inserted " + inserted + " rows into " + qualifiedTable
                                + " but the seal holds " + expectedRows);
                    }
                    return inserted;
                });
    }
}
