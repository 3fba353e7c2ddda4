package dev.eider.runtime.wal;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A request's rows as a log record: {@code [int batches]} then per batch {@code [int table
 * ordinal][int length][Arrow IPC stream]}. The log holds rows after the pipeline's processors,
 * so a replay needs neither the receiver that decoded them nor the processors that shaped them.
 */
public final class TableBatchesCodec {
    private TableBatchesCodec() {}

    public static byte[] encode(TableBatches batches) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(batches.batches().size());
        for (TableBatch batch : batches.batches()) {
            ByteArrayOutputStream ipc = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(batch.root(), null, Channels.newChannel(ipc))) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            out.writeInt(batch.table().ordinal());
            out.writeInt(ipc.size());
            ipc.writeTo(out);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The rows of a record, in vectors of {@code allocator}; the caller owns them. */
    public static TableBatches decode(byte[] payload, BufferAllocator allocator) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int count = in.readInt();
        List<TableBatch> batches = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Table table = Table.values()[in.readInt()];
                byte[] ipc = new byte[in.readInt()];
                in.readFully(ipc);
                batches.add(new TableBatch(table, readRoot(ipc, allocator)));
            }
        } catch (IOException | RuntimeException e) {
            batches.forEach(TableBatch::close);
            throw e;
        }
        return TableBatches.of(batches);
    }

    private static VectorSchemaRoot readRoot(byte[] ipc, BufferAllocator allocator) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
            VectorSchemaRoot read = reader.getVectorSchemaRoot();
            if (!reader.loadNextBatch()) {
                throw new IOException("a logged batch holds no rows");
            }
            // The reader frees its root on close; the rows move to vectors the batch owns.
            List<FieldVector> owned = new ArrayList<>();
            for (FieldVector vector : read.getFieldVectors()) {
                TransferPair pair = vector.getTransferPair(allocator);
                pair.transfer();
                owned.add((FieldVector) pair.getTo());
            }
            return new VectorSchemaRoot(read.getSchema().getFields(), owned, read.getRowCount());
        }
    }
}
