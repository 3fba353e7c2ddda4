package dev.eider.receiver.otap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.protobuf.ByteString;
import dev.eider.receiver.otap.proto.ArrowPayload;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.pipeline.Signal;
import java.io.ByteArrayOutputStream;
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
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.complex.ListVector;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Payloads whose length fields claim more than the payload carries (fuzzing findings and the
 * cases they stand for) are refused with OtapDecodeException before anything that size is
 * allocated; each would otherwise take gigabytes of heap or Arrow memory from a few bytes.
 */
class HostilePayloadsTest {
    private static final long ARROW_LIMIT = 16L << 20;
    private static final Schema ONE_TIMESTAMP = new Schema(List.of(
            new Field("time_unix_nano", FieldType.nullable(new ArrowType.Int(64, true)), null)));

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    @Test
    void metadataLengthPastThePayloadIsRefused() throws Exception {
        ByteBuffer claim = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(0x7FFFFFF0);
        String message = refusal(concat(schema(ONE_TIMESTAMP), claim.array()));
        assertTrue(message.contains("message 1 claims 2147483632 bytes of metadata but only 8 follow"), message);
    }

    @Test
    void bodyLengthPastThePayloadIsRefused() throws Exception {
        String message = refusal(concat(schema(ONE_TIMESTAMP), recordBatchClaimingBody(1L << 40)));
        assertTrue(message.contains("message 1 claims a body of 1099511627776 bytes but only 0 follow"), message);
    }

    @Test
    void rowsWithoutColumnDataAreRefused() throws Exception {
        byte[] payload;
        try (ArrowRecordBatch rows = new ArrowRecordBatch(Integer.MAX_VALUE, List.of(), List.of())) {
            payload = concat(schema(new Schema(List.of())), serialized(rows));
        }
        String message = refusal(payload);
        assertTrue(message.contains("claims 2147483647 rows but holds only 0 bytes of column data"), message);
    }

    @Test
    void decompressionPastTheStreamLimitIsRefused() throws Exception {
        byte[] payload;
        try (ArrowBuf validity = allocator.buffer(9);
                ArrowBuf values = allocator.buffer(12)) {
            validity.setLong(0, CompressionUtil.NO_COMPRESSION_LENGTH);
            validity.setByte(8, 1);
            validity.writerIndex(9);
            values.setLong(0, 1L << 40); // the uncompressed length the codec would allocate
            values.setInt(8, 0);
            values.writerIndex(12);
            ArrowBodyCompression zstd = new ArrowBodyCompression(CompressionType.ZSTD, BodyCompressionMethod.BUFFER);
            try (ArrowRecordBatch batch = new ArrowRecordBatch(1, List.of(new ArrowFieldNode(1, 0)),
                    List.of(validity, values), zstd)) {
                payload = concat(schema(ONE_TIMESTAMP), serialized(batch));
            }
        }
        String message = refusal(payload);
        assertTrue(message.contains("needs more than the stream's limit of " + ARROW_LIMIT + " bytes of Arrow memory"),
                message);
    }

    @Test
    void listOffsetsPastTheElementsAreRefused() {
        try (ListVector list = ListVector.empty("bucket_counts", allocator)) {
            list.addOrGetVector(FieldType.nullable(new ArrowType.Int(64, false)));
            list.allocateNew();
            UInt8Vector elements = (UInt8Vector) list.getDataVector();
            elements.setSafe(0, 7);
            elements.setValueCount(1);
            list.startNewValue(0);
            list.endValue(0, 1);
            list.setValueCount(1);
            list.getOffsetBuffer().setInt(ListVector.OFFSET_WIDTH, 1_000_000_000); // the row claims 10^9 elements
            Column column = Column.elementsOf("bucket_counts", list);
            OtapDecodeException e = assertThrows(OtapDecodeException.class, () -> ListColumn.longs(column, 0));
            assertTrue(e.getMessage().contains("list offsets 0..1000000000 outside its 1 elements"), e.getMessage());
        }
    }

    private String refusal(byte[] logsPayload) {
        BatchArrowRecords batch = BatchArrowRecords.newBuilder()
                .addArrowPayloads(ArrowPayload.newBuilder()
                        .setSchemaId("0")
                        .setType(ArrowPayloadType.LOGS)
                        .setRecord(ByteString.copyFrom(logsPayload)))
                .build();
        try (OtapStreamDecoder stream = new OtapStreamDecoder(Signal.LOGS, allocator, new OtlpDecoder(allocator), ARROW_LIMIT)) {
            return assertThrows(OtapDecodeException.class, () -> stream.decode(batch).close()).getMessage();
        }
    }

    private static byte[] schema(Schema schema) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        return out.toByteArray();
    }

    private static byte[] serialized(ArrowRecordBatch batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), batch);
        return out.toByteArray();
    }

    /** An empty record batch message whose metadata claims a body of {@code bodyLength} bytes. */
    private static byte[] recordBatchClaimingBody(long bodyLength) {
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
        return ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(-1).putInt(padded).put(metadata).array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
