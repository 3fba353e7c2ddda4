package dev.eider.runtime.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The decoded rows of one request: at most one {@link TableBatch} per table it touches, and the
 * count of data points that could not be stored (reported as OTLP partial success, never
 * dropped silently). Owns its batches.
 */
public final class TableBatches implements AutoCloseable {
    private final List<TableBatch> batches;
    private final long rejectedRows;
    private final String rejectionMessage;

    public TableBatches(List<TableBatch> batches, long rejectedRows, String rejectionMessage) {
        this.batches = Collections.unmodifiableList(new ArrayList<>(batches));
        this.rejectedRows = rejectedRows;
        this.rejectionMessage = rejectionMessage;
    }

    public static TableBatches of(List<TableBatch> batches) {
        return new TableBatches(batches, 0, null);
    }

    public List<TableBatch> batches() {
        return batches;
    }

    public long rowCount() {
        long rows = 0;
        for (TableBatch b : batches) {
            rows += b.rowCount();
        }
        return rows;
    }

    public long heapBytes() {
        long bytes = 0;
        for (TableBatch b : batches) {
            bytes += b.heapBytes();
        }
        return bytes;
    }

    /** Data points that have no table (e.g. Summary metrics). */
    public long rejectedRows() {
        return rejectedRows;
    }

    /** Why {@link #rejectedRows} were rejected, or null when none were. */
    public String rejectionMessage() {
        return rejectionMessage;
    }

    /** A copy with other batches and the same rejection counts, for processors that reshape rows. */
    public TableBatches withBatches(List<TableBatch> replaced) {
        return new TableBatches(replaced, rejectedRows, rejectionMessage);
    }

    @Override
    public void close() {
        for (TableBatch b : batches) {
            b.close();
        }
    }
}
