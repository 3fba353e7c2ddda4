package dev.eider.receiver.otap.decode;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBodyCompression;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow IPC payloads (schema first, as a stream's first payload) whose length fields lie. */
public final class HostileIpc {
    private static final Schema ONE_TIMESTAMP = new Schema(List.of(
            new Field("time_unix_nano", FieldType.nullable(new ArrowType.Int(64, true)), null)));

    private HostileIpc() {}

    /** After the schema, a message claiming {@code metadataLength} bytes of metadata that are not there. */
    public static byte[] metadataLengthClaiming(int metadataLength) throws IOException {
        return concat(schema(ONE_TIMESTAMP), ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(-1).putInt(metadataLength).array());
    }

    /** After the schema, an empty record batch whose metadata claims a body of {@code bodyLength} bytes. */
    public static byte[] bodyLengthClaiming(long bodyLength) throws IOException {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        RecordBatch.startNodesVector(builder, 0);
        int nodes = builder.endVector();
        RecordBatch.startBuffersVector(builder, 0);
        int buffers = builder.endVector();
        RecordBatch.startRecordBatch(builder);
        RecordBatch.addLength(builder, 0);
        RecordBatch.addNodes(builder, nodes);
        RecordBatch.addBuffers(builder, buffers);
        int header = RecordBatch.endRecordBatch(builder);
        Message.startMessage(builder);
        Message.addVersion(builder, MetadataVersion.V5);
        Message.addHeaderType(builder, MessageHeader.RecordBatch);
        Message.addHeader(builder, header);
        Message.addBodyLength(builder, bodyLength);
        builder.finish(Message.endMessage(builder));
        byte[] metadata = builder.sizedByteArray();
        int padded = (metadata.length + 7) / 8 * 8;
        return concat(schema(ONE_TIMESTAMP), ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(-1).putInt(padded).put(metadata).array());
    }

    /** A schema without columns and a record batch of {@code rows} rows. */
    public static byte[] rowsWithoutColumns(int rows) throws IOException {
        try (ArrowRecordBatch batch = new ArrowRecordBatch(rows, List.of(), List.of())) {
            return concat(schema(new Schema(List.of())), serialized(batch));
        }
    }

    /**
     * One zstd-compressed row whose timestamp buffer declares {@code uncompressedLength} bytes:
     * what Arrow's codec allocates before it decompresses anything.
     */
    public static byte[] zstdBufferDeclaring(long uncompressedLength) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowBuf validity = allocator.buffer(9);
                ArrowBuf values = allocator.buffer(12)) {
            validity.setLong(0, CompressionUtil.NO_COMPRESSION_LENGTH);
            validity.setByte(8, 1);
            validity.writerIndex(9);
            values.setLong(0, uncompressedLength);
            values.setInt(8, 0);
            values.writerIndex(12);
            ArrowBodyCompression zstd = new ArrowBodyCompression(CompressionType.ZSTD, BodyCompressionMethod.BUFFER);
            try (ArrowRecordBatch batch = new ArrowRecordBatch(1, List.of(new ArrowFieldNode(1, 0)),
                    List.of(validity, values), zstd)) {
                return concat(schema(ONE_TIMESTAMP), serialized(batch));
            }
        }
    }

    private static byte[] schema(Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        return out.toByteArray();
    }

    private static byte[] serialized(ArrowRecordBatch batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), batch);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
