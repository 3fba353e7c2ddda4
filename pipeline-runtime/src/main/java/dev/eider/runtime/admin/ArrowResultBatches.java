package dev.eider.runtime.admin;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * A query's rows as Arrow record batches, exported by DuckDB itself (its C Data Interface
 * export), so every DuckDB type keeps its Arrow form and no row is converted on the way. Stops at
 * the row limit, cutting the last batch short.
 */
final class ArrowResultBatches {
    /** Where the batches go: the HTTP answer's IPC stream, or a Flight stream. */
    interface Sink {
        /** Before the first batch, also for an empty result; {@code dictionaries} holds DuckDB's ENUM dictionaries. */
        void start(VectorSchemaRoot root, DictionaryProvider dictionaries) throws IOException, SQLException;

        /** {@code root} holds the next batch; it is reused for the one after. */
        void batch(VectorSchemaRoot root) throws IOException, SQLException;

        /** After the last batch, while the vectors are still open. */
        void end() throws IOException, SQLException;
    }

    /** @param truncated true when the result had more rows than the limit let through */
    record Outcome(long rows, boolean truncated) {}

    private ArrowResultBatches() {}

    static Outcome export(ResultSet rows, BufferAllocator allocator, int batchRows, int maxRows,
            QueryCancellation cancellation, Sink sink) throws SQLException, IOException {
        DuckDBResultSet duckRows = rows.unwrap(DuckDBResultSet.class);
        long count = 0;
        boolean truncated = false;
        try (ArrowReader reader = (ArrowReader) duckRows.arrowExportStream(allocator, batchRows)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            sink.start(root, reader);
            while (reader.loadNextBatch()) {
                cancellation.throwIfCancelled();
                int loaded = root.getRowCount();
                if (loaded == 0) {
                    continue;
                }
                if (count == maxRows) {
                    truncated = true;
                    break;
                }
                if (count + loaded > maxRows) {
                    root.setRowCount((int) (maxRows - count));
                    truncated = true;
                }
                sink.batch(root);
                count += root.getRowCount();
                if (truncated) {
                    break;
                }
            }
            sink.end();
        }
        return new Outcome(count, truncated);
    }
}
