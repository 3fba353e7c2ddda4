package dev.eider.receiver.otap.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.InputStream;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
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
    private static final int MAX_FIELD_DEPTH = 32;
    private static final int MAX_FIELDS = 10_000;
    private static final String SCHEMA_FIRST = "the first payload of a schema id must begin with the schema";
    private final String schemaId;
    private final String payloadName;
    private final FedInput input = new FedInput();
    private final BufferAllocator allocator;
    private final ArrowStreamReader reader;
    private boolean started;

    PayloadStream(String payloadName, String schemaId, BufferAllocator allocator) {
        this.payloadName = payloadName;
        this.schemaId = schemaId;
        this.allocator = allocator;
        this.reader = new ArrowStreamReader(input, allocator, CommonsCompressionFactory.INSTANCE);
    }

    String schemaId() {
        return schemaId;
    }

    /** Reads the record batch of one payload; valid until the next call. */
    PayloadRecord read(byte[] record, ExpansionBudget budget) throws OtapDecodeException {
        requireFraming(record, !started);
        started = true;
        input.feed(record);
        try {
            if (!reader.loadNextBatch()) {
                throw invalidPayload("holds no record batch");
            }
            if (input.remaining() > 0) {
                throw invalidPayload("has " + input.remaining() + " bytes after its record batch");
            }
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            requireBackedRows(root);
            budget.chargeRows(root.getRowCount());
            return new PayloadRecord(payloadName, root, reader, budget);
        } catch (OutOfMemoryException e) {
            throw invalid("it needs more than the stream's limit of " + allocator.getLimit() + " bytes of Arrow memory"
                    + " (decompressed buffers and the dictionaries kept so far)");
        } catch (IOException | RuntimeException e) {
            throw invalid(String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Every row must be backed by at least a byte of column data. The row count is a bare number
     * in the record batch, and zero columns (or columns of type Null) hold none, yet each row
     * costs the assemblers heap; real OTAP rows carry ids and timestamps of several bytes each.
     */
    private void requireBackedRows(VectorSchemaRoot root) throws OtapDecodeException {
        long bytes = columnBytes(root.getFieldVectors());
        if (root.getRowCount() > bytes) {
            throw invalid("its record batch claims " + root.getRowCount() + " rows but holds only " + bytes
                    + " bytes of column data");
        }
    }

    private static long columnBytes(List<FieldVector> vectors) {
        long bytes = 0;
        for (FieldVector vector : vectors) {
            for (ArrowBuf buffer : vector.getFieldBuffers()) {
                bytes += buffer.capacity();
            }
            bytes += columnBytes(vector.getChildrenFromFields());
        }
        return bytes;
    }

    /**
     * Walks the payload's IPC messages before the Arrow reader sees them: every metadata and body
     * length must fit in the payload, because the reader allocates those lengths before reading
     * (a few bytes claiming a 2 GiB message would otherwise cost 2 GiB); every batch's counts and
     * buffers must be sound; and a stream's first payload must open with its schema (the reader,
     * handed anything else, fails without releasing the message body it read).
     */
    private void requireFraming(byte[] record, boolean first) throws OtapDecodeException {
        ByteBuffer bytes = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        int index = 0;
        while (bytes.hasRemaining()) {
            int length = metadataLength(bytes, index);
            if (length == 0) {
                break; // end-of-stream marker
            }
            Message message = message(bytes.slice().limit(length).order(ByteOrder.LITTLE_ENDIAN), index);
            if (first && index == 0 && message.headerType() != MessageHeader.Schema) {
                byte header = message.headerType();
                throw invalid(SCHEMA_FIRST
                        + (header >= 0 && header < MessageHeader.names.length ? ", not a " + MessageHeader.name(header) : ""));
            }
            bytes.position(bytes.position() + length);
            long body = message.bodyLength();
            if (body < 0 || body > bytes.remaining()) {
                throw invalid("message " + index + " claims a body of " + Long.toUnsignedString(body)
                        + " bytes but only " + bytes.remaining() + " follow");
            }
            requireSoundBatch(message, index);
            bytes.position(bytes.position() + (int) body);
            index++;
        }
        if (first && index == 0) {
            throw invalid(SCHEMA_FIRST);
        }
    }

    /** The next message's metadata length (after the optional continuation marker); 0 ends the stream. */
    private int metadataLength(ByteBuffer bytes, int index) throws OtapDecodeException {
        int length = lengthPrefix(bytes, index);
        if (length == CONTINUATION) {
            length = lengthPrefix(bytes, index);
        }
        if (length < 0 || length > bytes.remaining()) {
            throw invalid("message " + index + " claims " + Integer.toUnsignedString(length)
                    + " bytes of metadata but only " + bytes.remaining() + " follow");
        }
        return length;
    }

    /**
     * A record or dictionary batch's counts and buffer regions as Arrow's reader would take them:
     * row and value counts between 0 and 2^31-1, null counts within them, buffers inside the
     * body. Arrow slices and sizes vectors by them without checking, and fails part-way (or
     * trips an assertion) when they are negative or point outside the body.
     */
    private void requireSoundBatch(Message message, int index) throws OtapDecodeException {
        String problem;
        try {
            problem = switch (message.headerType()) {
                case MessageHeader.Schema -> schemaProblem((Schema) message.header(new Schema()));
                case MessageHeader.RecordBatch -> batchProblem((RecordBatch) message.header(new RecordBatch()),
                        message.bodyLength());
                case MessageHeader.DictionaryBatch -> {
                    DictionaryBatch dictionary = (DictionaryBatch) message.header(new DictionaryBatch());
                    yield dictionary.data() == null ? "is a dictionary batch without data"
                            : batchProblem(dictionary.data(), message.bodyLength());
                }
                default -> null;
            };
        } catch (RuntimeException e) {
            throw invalid("message " + index + " has unreadable metadata");
        }
        if (problem != null) {
            throw invalid("message " + index + " " + problem);
        }
    }

    /**
     * Arrow converts a schema's fields recursively, and flatbuffer offsets read as signed ints
     * can point back at an ancestor: a schema must nest at most {@value #MAX_FIELD_DEPTH} levels
     * and hold at most {@value #MAX_FIELDS} fields (OTAP schemas have a few dozen).
     */
    private static String schemaProblem(Schema schema) {
        int[] visited = {0};
        for (int i = 0; i < schema.fieldsLength(); i++) {
            String problem = fieldProblem(schema.fields(i), 1, visited);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String fieldProblem(Field field, int depth, int[] visited) {
        if (depth > MAX_FIELD_DEPTH) {
            return "nests schema fields deeper than " + MAX_FIELD_DEPTH + " levels";
        }
        if (++visited[0] > MAX_FIELDS) {
            return "has a schema of more than " + MAX_FIELDS + " fields";
        }
        for (int i = 0; i < field.childrenLength(); i++) {
            String problem = fieldProblem(field.children(i), depth + 1, visited);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String batchProblem(RecordBatch batch, long body) {
        if (batch.length() < 0 || batch.length() > Integer.MAX_VALUE) {
            return "claims " + batch.length() + " rows";
        }
        FieldNode node = new FieldNode();
        for (int i = 0; i < batch.nodesLength(); i++) {
            batch.nodes(node, i);
            if (node.length() < 0 || node.length() > Integer.MAX_VALUE || node.nullCount() < 0 || node.nullCount() > node.length()) {
                return "claims " + node.length() + " values with " + node.nullCount() + " nulls in column " + i;
            }
        }
        Buffer buffer = new Buffer();
        for (int i = 0; i < batch.buffersLength(); i++) {
            batch.buffers(buffer, i);
            if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() > body - buffer.length()) {
                return "claims buffer " + i + " at " + buffer.offset() + " of " + buffer.length()
                        + " bytes, outside its body of " + body + " bytes";
            }
        }
        return null;
    }

    private int lengthPrefix(ByteBuffer bytes, int index) throws OtapDecodeException {
        if (bytes.remaining() < Integer.BYTES) {
            throw invalid("message " + index + " is cut off inside its length prefix");
        }
        return bytes.getInt();
    }

    /** The message's metadata, with the fields the framing check reads already read once. */
    private Message message(ByteBuffer metadata, int index) throws OtapDecodeException {
        try {
            Message message = Message.getRootAsMessage(metadata);
            message.headerType();
            message.bodyLength();
            return message;
        } catch (RuntimeException e) {
            throw invalid("message " + index + " has unreadable metadata");
        }
    }

    private OtapDecodeException invalid(String problem) {
        return invalid(problem, null);
    }

    private OtapDecodeException invalid(String problem, Throwable cause) {
        return invalidPayload("is not a valid Arrow IPC stream: " + problem, cause);
    }

    private OtapDecodeException invalidPayload(String problem) {
        return invalidPayload(problem, null);
    }

    private OtapDecodeException invalidPayload(String problem, Throwable cause) {
        return new OtapDecodeException(payloadName + " payload (schema id " + schemaId + ") " + problem, cause);
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
