package dev.eider.exporter.parquet;

import dev.eider.runtime.table.TableBatch;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One table's batches of a seal as one Arrow stream for DuckDB to scan. Loading a batch into the
 * reader's root shares its buffers by reference count, so no row is copied in Java. The batches
 * stay the runtime's; the allocator must share its root with theirs.
 */
final class SealBatchReader extends ArrowReader {
    private final List<TableBatch> batches;
    private final Schema schema;
    private int next;
    private long bytesRead;

    /** {@code batches} must be non-empty and share one schema (one pipeline's processors made them). */
    SealBatchReader(BufferAllocator allocator, List<TableBatch> batches) {
        super(allocator);
        this.batches = List.copyOf(batches);
        this.schema = this.batches.get(0).root().getSchema();
        for (TableBatch batch : this.batches) {
            if (!batch.root().getSchema().equals(schema)) {
                throw new IllegalArgumentException("batches of " + batch.table().tableName()
                        + " differ in their columns: " + schema + " vs " + batch.root().getSchema());
            }
        }
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (next == batches.size()) {
            return false;
        }
        var recordBatch = new VectorUnloader(batches.get(next++).root()).getRecordBatch();
        bytesRead += recordBatch.computeBodyLength();
        loadRecordBatch(recordBatch); // closes recordBatch; the root keeps its own references
        return true;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    protected void closeReadSource() {
        // Nothing of our own to close: the batches are released by the runtime after every exporter sealed them.
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
