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
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
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

    /**
     * The record of {@code batches}, in a buffer of {@code allocator} the caller closes; its
     * {@code writerIndex} is the record's length. Off-heap, so the log writes it without a copy.
     */
    public static ArrowBuf encode(TableBatches batches, BufferAllocator allocator) throws IOException {
        RecordSink sink = new RecordSink(allocator, estimatedBytes(batches));
        try {
            sink.putInt(batches.batches().size());
            for (TableBatch batch : batches.batches()) {
                sink.putInt(batch.table().ordinal());
                long lengthAt = sink.size();
                sink.putInt(0);
                try (ArrowStreamWriter writer = new ArrowStreamWriter(batch.root(), null, sink)) {
                    writer.start();
                    writer.writeBatch();
                    writer.end();
                }
                sink.putIntAt(lengthAt, Math.toIntExact(sink.size() - lengthAt - Integer.BYTES));
            }
            return sink.buffer;
        } catch (IOException | RuntimeException e) {
            sink.buffer.close();
            throw e;
        }
    }

    /** The Arrow buffers plus room for each stream's schema and message headers. */
    private static long estimatedBytes(TableBatches batches) {
        long bytes = Integer.BYTES;
        for (TableBatch batch : batches.batches()) {
            bytes += 16 * 1024;
            for (FieldVector vector : batch.root().getFieldVectors()) {
                bytes += vector.getBufferSize();
            }
        }
        return bytes;
    }

    /**
     * Where the Arrow writer writes a record: straight into one off-heap buffer, sized up front
     * from the batches so it rarely grows (big-endian ints, as the decoder reads them).
     */
    private static final class RecordSink implements WritableByteChannel {
        private final BufferAllocator allocator;
        ArrowBuf buffer;

        RecordSink(BufferAllocator allocator, long capacity) {
            this.allocator = allocator;
            this.buffer = allocator.buffer(capacity);
            buffer.writerIndex(0);
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            ensure(n);
            buffer.setBytes(buffer.writerIndex(), src);
            buffer.writerIndex(buffer.writerIndex() + n);
            return n;
        }

        void putInt(int value) {
            ensure(Integer.BYTES);
            putIntAt(buffer.writerIndex(), value);
            buffer.writerIndex(buffer.writerIndex() + Integer.BYTES);
        }

        /** Big-endian, whatever the platform's order (ArrowBuf.setInt is native order). */
        void putIntAt(long at, int value) {
            buffer.setByte(at, value >>> 24);
            buffer.setByte(at + 1, value >>> 16);
            buffer.setByte(at + 2, value >>> 8);
            buffer.setByte(at + 3, value);
        }

        long size() {
            return buffer.writerIndex();
        }

        private void ensure(long more) {
            long size = buffer.writerIndex();
            if (buffer.capacity() - size < more) {
                ArrowBuf grown = allocator.buffer(Math.max(buffer.capacity() * 2, size + more));
                grown.setBytes(0, buffer, 0, size);
                grown.writerIndex(size);
                buffer.close();
                buffer = grown;
            }
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // the record stays readable; closing the Arrow writer closes its channel
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
