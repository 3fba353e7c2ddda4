package dev.eider.receiver.otap.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.InputStream;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * One Arrow IPC stream of a gRPC stream: all payloads of one type and schema id. The first
 * payload carries the schema; every payload then carries dictionary batches (new, delta or
 * replacement) and one record batch, which are read off the bytes of that payload alone while
 * the reader keeps the schema and dictionaries for the next.
 */
final class PayloadStream implements AutoCloseable {
    /** The IPC continuation marker that precedes a message's metadata length. */
    private static final int CONTINUATION = 0xFFFFFFFF;
    private final String schemaId;
    private final String payloadName;
    private final FedInput input = new FedInput();
    private final ArrowStreamReader reader;
    private boolean started;

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
        if (!started) {
            requireSchemaFirst(record);
            started = true;
        }
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

    /**
     * A stream's first payload must open with its schema. Checked up front because the Arrow
     * reader, handed anything else, fails without releasing the message body it read.
     */
    private void requireSchemaFirst(byte[] record) throws OtapDecodeException {
        ByteBuffer bytes = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        byte header = -1;
        if (bytes.remaining() >= 8) {
            int length = bytes.getInt();
            if (length == CONTINUATION) {
                length = bytes.getInt();
            }
            if (length > 0 && length <= bytes.remaining()) {
                ByteBuffer metadata = bytes.slice().limit(length).order(ByteOrder.LITTLE_ENDIAN);
                try {
                    header = Message.getRootAsMessage(metadata).headerType();
                } catch (RuntimeException e) {
                    header = -1;
                }
            }
        }
        if (header != MessageHeader.Schema) {
            throw new OtapDecodeException(payloadName + " payload (schema id " + schemaId
                    + ") is not a valid Arrow IPC stream: the first payload of a schema id must begin with the schema"
                    + (header >= 0 && header < MessageHeader.names.length ? ", not a " + MessageHeader.name(header) : ""));
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
