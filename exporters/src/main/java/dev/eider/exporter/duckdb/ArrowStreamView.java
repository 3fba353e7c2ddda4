package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * Shows one table's batches to DuckDB as a temporary view for one statement: the batches are
 * exported as one Arrow C stream and registered, so DuckDB scans the Arrow buffers in place and
 * no row is copied in Java. Every DuckDB-backed exporter reads its seals through this.
 */
public final class ArrowStreamView {
    /** The statement that reads the view; answers the rows it wrote. */
    public interface ViewReader {
        long run(String quotedView, Schema schema) throws SQLException;
    }

    private ArrowStreamView() {}

    /**
     * Registers {@code batches} as view {@code name}, runs the statement, and drops the view. The
     * allocator must share its root with the batches' allocator. When the statement fails inside
     * a transaction, the view goes with the caller's rollback.
     */
    public static long read(DuckDBConnection connection, BufferAllocator allocator, String name, Table table,
                            List<TableBatch> batches, ViewReader statement) throws SQLException {
        BatchListReader reader = new BatchListReader(allocator, table, batches);
        String view = Table.quote(name);
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            export(allocator, reader, stream);
            try {
                connection.registerArrowStream(name, stream);
                long rows = statement.run(view, reader.schema());
                drop(connection, view);
                return rows;
            } finally {
                // DuckDB takes the stream over when it scans it; if it never did (the statement
                // failed before the scan), this releases the reader. Otherwise it is a no-op.
                stream.release();
            }
        }
    }

    /** The total rows of a seal's batches, to check what a statement reports against. */
    public static long rowCount(List<TableBatch> batches) {
        return batches.stream().mapToLong(TableBatch::rowCount).sum();
    }

    private static void drop(DuckDBConnection connection, String view) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP VIEW IF EXISTS " + view);
        }
    }

    private static void export(BufferAllocator allocator, BatchListReader reader, ArrowArrayStream stream) {
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
}
