package dev.eider.runtime.table;

import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows for one table as Arrow vectors in the table's column order. Owns its vectors: close it
 * once the rows are sealed (or dropped on an error path).
 */
public final class TableBatch implements AutoCloseable {
    private final Table table;
    private final VectorSchemaRoot root;
    private final long heapBytes;

    public TableBatch(Table table, VectorSchemaRoot root) {
        this.table = Objects.requireNonNull(table);
        this.root = Objects.requireNonNull(root);
        long bytes = 0;
        for (var v : root.getFieldVectors()) {
            bytes += v.getBufferSize();
        }
        this.heapBytes = bytes;
    }

    public Table table() {
        return table;
    }

    public VectorSchemaRoot root() {
        return root;
    }

    public int rowCount() {
        return root.getRowCount();
    }

    /** Bytes held by the batch's Arrow buffers (what {@code buffered_bytes} reports). */
    public long heapBytes() {
        return heapBytes;
    }

    @Override
    public void close() {
        root.close();
    }
}
