package dev.eider.receiver.otap.decode;

import java.io.IOException;
import java.io.InputStream;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * One Arrow IPC stream of a gRPC stream: all payloads of one type and schema id. The first
 * payload carries the schema; every payload then carries dictionary batches (new, delta or
 * replacement) and one record batch, which are read off the bytes of that payload alone while
 * the reader keeps the schema and dictionaries for the next.
 */
final class PayloadStream implements AutoCloseable {
    private final String schemaId;
    private final String payloadName;
    private final FedInput input = new FedInput();
    private final ArrowStreamReader reader;

    PayloadStream(String payloadName, String schemaId, BufferAllocator allocator) {
        this.payloadName = payloadName;
        this.schemaId = schemaId;
        this.reader = new ArrowStreamReader(input, allocator, CommonsCompressionFactory.INSTANCE);
    }

    String schemaId() {
        return schemaId;
    }

    /** Reads the record batch of one payload; valid until the next call. */
    PayloadRecord read(byte[] record) throws OtapDecodeException {
        input.feed(record);
        try {
            if (!reader.loadNextBatch()) {
                throw new OtapDecodeException(payloadName + " payload (schema id " + schemaId + ") holds no record batch");
            }
            if (input.remaining() > 0) {
                throw new OtapDecodeException(payloadName + " payload (schema id " + schemaId + ") has "
                        + input.remaining() + " bytes after its record batch");
            }
            return new PayloadRecord(payloadName, reader.getVectorSchemaRoot(), reader);
        } catch (IOException | RuntimeException e) {
            throw new OtapDecodeException(payloadName + " payload (schema id " + schemaId + ") is not a valid Arrow IPC stream: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            // closing only frees buffers; a half-read stream has nothing else to release
        }
    }

    /** The bytes of the current payload; the end of them is the end of the stream for now. */
    private static final class FedInput extends InputStream {
        private byte[] bytes = new byte[0];
        private int position;

        void feed(byte[] next) {
            bytes = next;
            position = 0;
        }

        int remaining() {
            return bytes.length - position;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
