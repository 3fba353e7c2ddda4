package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBConnection;

/**
 * Inserts one table's batches with a single statement: the batches are exported as one Arrow C
 * stream, registered with DuckDB as a temporary view, and read by {@code INSERT ... SELECT}.
 * DuckDB scans the Arrow buffers in place, so rows are never copied one by one in Java.
 */
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
        String view = VIEW_PREFIX + table.tableName();
        long expectedRows = batches.stream().mapToLong(TableBatch::rowCount).sum();
        BatchListReader reader = new BatchListReader(allocator, table, batches);
        String columns = columnList(reader, tableColumns);
        String sql = "INSERT INTO " + qualifiedTable + " (" + columns + ") SELECT " + columns + " FROM "
                + Table.quote(view);
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            exportStream(reader, stream);
            try {
                connection.registerArrowStream(view, stream);
                long inserted;
                try (Statement statement = connection.createStatement()) {
                    inserted = statement.executeUpdate(sql);
                    statement.execute("DROP VIEW " + Table.quote(view));
                }
                if (inserted != expectedRows) {
                    throw new SQLException("inserted " + inserted + " rows into " + qualifiedTable
                            + " but the seal holds " + expectedRows);
                }
                return inserted;
            } finally {
                // DuckDB takes the stream over when it scans it; if it never did (the statement
                // failed before the scan), this releases the reader. Otherwise it is a no-op.
                stream.release();
            }
        }
    }

    private void exportStream(BatchListReader reader, ArrowArrayStream stream) {
        try {
            Data.exportArrayStream(allocator, reader, stream);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The stream's columns the table has, in stream order, so the table may have more or fewer. */
    private static String columnList(BatchListReader reader, Set<String> tableColumns) {
        return reader.schema().getFields().stream()
                .map(Field::getName)
                .filter(name -> tableColumns.contains(name.toLowerCase(Locale.ROOT)))
                .map(Table::quote)
                .collect(Collectors.joining(", "));
    }
}
