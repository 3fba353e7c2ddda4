package dev.eider.runtime.wal;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
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
        RecordSink sink = new RecordSink(estimatedBytes(batches));
        sink.putInt(batches.batches().size());
        for (TableBatch batch : batches.batches()) {
            sink.putInt(batch.table().ordinal());
            int lengthAt = sink.size();
            sink.putInt(0);
            try (ArrowStreamWriter writer = new ArrowStreamWriter(batch.root(), null, sink)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            sink.putIntAt(lengthAt, sink.size() - lengthAt - Integer.BYTES);
        }
        return sink.toByteArray();
    }

    /** The Arrow buffers plus room for each stream's schema and message headers. */
    private static int estimatedBytes(TableBatches batches) {
        long bytes = Integer.BYTES;
        for (TableBatch batch : batches.batches()) {
            bytes += 16 * 1024;
            for (FieldVector vector : batch.root().getFieldVectors()) {
                bytes += vector.getBufferSize();
            }
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 16);
    }

    /**
     * A growable byte array the Arrow writer writes into directly (no stream adapter's chunk
     * copies); sized up front from the batches, so it rarely grows.
     */
    private static final class RecordSink implements WritableByteChannel {
        private byte[] bytes;
        private int size;

        RecordSink(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            ensure(n);
            src.get(bytes, size, n);
            size += n;
            return n;
        }

        void putInt(int value) {
            ensure(Integer.BYTES);
            putIntAt(size, value);
            size += Integer.BYTES;
        }

        void putIntAt(int at, int value) {
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (bytes.length - size < more) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max((long) bytes.length * 2, (long) size + more),
                        Integer.MAX_VALUE - 16));
            }
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // the bytes stay readable; closing the Arrow writer closes its channel
        }
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
