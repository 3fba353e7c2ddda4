package dev.eider.receiver.otap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.eider.receiver.otap.proto.ArrowPayload;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.pipeline.Signal;
import org.apache.arrow.memory.RootAllocator;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Payloads whose length fields claim more than the payload carries are refused with
 * OtapDecodeException before anything that size is allocated: each would otherwise cost
 * gigabytes of heap or Arrow memory for a few bytes.
 */
class HostilePayloadsTest {
    private static final long ARROW_LIMIT = 16L << 20;

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    @Test
    void metadataLengthPastThePayloadIsRefused() throws Exception {
        String message = refusal(HostileIpc.metadataLengthClaiming(0x7FFFFFF0));
        assertTrue(message.contains("message 1 claims 2147483632 bytes of metadata but only 8 follow"), message);
    }

    @Test
    void bodyLengthPastThePayloadIsRefused() throws Exception {
        String message = refusal(HostileIpc.bodyLengthClaiming(1L << 40));
        assertTrue(message.contains("message 1 claims a body of 1099511627776 bytes but only 0 follow"), message);
    }

    @Test
    void rowsWithoutColumnDataAreRefused() throws Exception {
        String message = refusal(HostileIpc.rowsWithoutColumns(Integer.MAX_VALUE));
        assertTrue(message.contains("claims 2147483647 rows but holds only 0 bytes of column data"), message);
    }

    /** Fuzzing finding (seed finding-dictionary-negative-length): Arrow asserts on a negative count. */
    @Test
    void aNegativeRowCountIsRefused() throws Exception {
        String message = refusal(HostileIpc.rowsWithoutColumns(-5));
        assertTrue(message.contains("message 1 claims -5 rows"), message);
    }

    @Test
    void decompressionPastTheStreamLimitIsRefused() throws Exception {
        String message = refusal(HostileIpc.zstdBufferDeclaring(1L << 40));
        assertTrue(message.contains("needs more than the stream's limit of " + ARROW_LIMIT + " bytes of Arrow memory"),
                message);
    }

    @Test
    void aDictionaryIndexOutsideTheDictionaryIsRefused() throws Exception {
        DictionaryEncoding encoding = new DictionaryEncoding(1, false, new ArrowType.Int(8, false));
        try (VarCharVector entries = new VarCharVector("dictionary", allocator);
                UInt1Vector indices = new UInt1Vector("severity_text",
                        new FieldType(true, new ArrowType.Int(8, false), encoding), allocator)) {
            entries.allocateNew();
            entries.setSafe(0, "INFO".getBytes(StandardCharsets.UTF_8));
            entries.setValueCount(1);
            indices.allocateNew(1);
            indices.setSafe(0, 5);
            indices.setValueCount(1);
            byte[] payload = ArrowPayloads.ipc(VectorSchemaRoot.of(indices),
                    new DictionaryProvider.MapDictionaryProvider(new Dictionary(entries, encoding)));
            String message = refusal(payload);
            assertTrue(message.contains("severity_text: dictionary index 5 outside the dictionary's 1 values"), message);
        }
    }

    /**
     * Fuzzing finding (OTAP run 3, seed finding-expansion-past-memory): 890 bytes of zstd column
     * data carried enough rows to take 256 MiB as table rows. Each row is charged to the budget.
     */
    @Test
    void moreRowsThanTheBudgetHoldsAreRefused() throws Exception {
        int rows = (int) (ARROW_LIMIT / ExpansionBudget.ROW_BYTES) + 1;
        try (UInt1Vector severities = new UInt1Vector("severity_number", allocator)) {
            severities.allocateNew(rows);
            severities.setValueCount(rows);
            String message = refusal(ArrowPayloads.ipc(VectorSchemaRoot.of(severities), null));
            assertTrue(message.contains("the message expands to more than " + ARROW_LIMIT + " bytes of OTLP"), message);
        }
    }

    @Test
    void aDictionaryEntryRepeatedPastTheLimitIsRefused() throws Exception {
        DictionaryEncoding encoding = new DictionaryEncoding(1, false, new ArrowType.Int(8, false));
        int rows = 300;
        try (VarCharVector entries = new VarCharVector("dictionary", allocator);
                UInt1Vector indices = new UInt1Vector("severity_text",
                        new FieldType(true, new ArrowType.Int(8, false), encoding), allocator)) {
            entries.allocateNew();
            entries.setSafe(0, new byte[64 * 1024]);
            entries.setValueCount(1);
            indices.allocateNew(rows);
            for (int row = 0; row < rows; row++) {
                indices.setSafe(row, 0);
            }
            indices.setValueCount(rows);
            byte[] payload = ArrowPayloads.ipc(VectorSchemaRoot.of(indices),
                    new DictionaryProvider.MapDictionaryProvider(new Dictionary(entries, encoding)));
            String message = refusal(payload);
            assertTrue(message.contains("the message expands to more than " + ARROW_LIMIT + " bytes of OTLP"), message);
        }
    }

    /** Fuzzing finding (OTAP run 4, seed finding-value-offsets-past-data): Arrow allocated a 2 GiB array. */
    @Test
    void valueOffsetsPastTheDataAreRefused() throws Exception {
        try (VarCharVector strings = new VarCharVector("severity_text", allocator)) {
            strings.allocateNew();
            strings.setSafe(0, "INFO".getBytes(StandardCharsets.UTF_8));
            strings.setValueCount(1);
            strings.getOffsetBuffer().setInt(VarCharVector.OFFSET_WIDTH, Integer.MAX_VALUE);
            Column column = Column.of("severity_text", strings, null, new StructVector[0], new ExpansionBudget(Long.MAX_VALUE));
            OtapDecodeException e = assertThrows(OtapDecodeException.class, () -> column.bytes(0));
            assertTrue(e.getMessage().contains("value offsets 0..2147483647 outside its"), e.getMessage());
        }
    }

    @Test
    void listOffsetsPastTheElementsAreRefused() throws Exception {
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
            Column column = Column.of("bucket_counts", list, null, new StructVector[0], new ExpansionBudget(Long.MAX_VALUE));
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
        try (OtapStreamDecoder stream = new OtapStreamDecoder(Signal.LOGS, new OtlpDecoder(allocator), ARROW_LIMIT)) {
            return assertThrows(OtapDecodeException.class, () -> stream.decode(batch).close()).getMessage();
        }
    }
}
