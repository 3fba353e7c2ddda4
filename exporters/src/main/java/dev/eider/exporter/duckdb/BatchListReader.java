package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Presents one table's batches as a single Arrow stream. Each batch's buffers are shared with the
 * reader's root by reference counting (no copy); the batches themselves stay owned by the caller.
 * The allocator must share its root with the batches' allocator.
 */
final class BatchListReader extends ArrowReader {
    private final Schema schema;
    private final Iterator<TableBatch> batches;
    private long bytesRead;

    /** Throws IllegalArgumentException if the batches are empty or do not share one schema. */
    BatchListReader(BufferAllocator allocator, Table table, List<TableBatch> batches) {
        super(allocator);
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batches to stream");
        }
        this.schema = batches.get(0).root().getSchema();
        for (TableBatch batch : batches) {
            if (!batch.root().getSchema().equals(schema)) {
                throw new IllegalArgumentException("batches of " + table.tableName()
                        + " differ in their columns: " + schema + " vs " + batch.root().getSchema());
            }
        }
        this.batches = List.copyOf(batches).iterator();
    }

    /** The stream's schema (the columns of the first batch). */
    Schema schema() {
        return schema;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (!batches.hasNext()) {
            return false;
        }
        ArrowRecordBatch recordBatch = new VectorUnloader(batches.next().root()).getRecordBatch();
        bytesRead += recordBatch.computeBodyLength();
        loadRecordBatch(recordBatch);
        return true;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    protected void closeReadSource() {
        // The batches belong to the runtime, which closes them once every exporter has sealed them.
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
