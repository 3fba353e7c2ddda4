package dev.eider.receiver.otap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.eider.receiver.otap.proto.ArrowPayload;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OTAP payloads written with Arrow Java, exercising what the captured files may not: u16 ids
 * above the signed range with explicit plain encoding, dictionary-encoded strings and ids,
 * absent resource/scope structs and columns, null and zero timestamps, a null body struct,
 * quasi-delta attribute parent ids, and the attributes payload before its root.
 */
class SyntheticPayloadsTest {
    private static final long ARROW_LIMIT = 64L << 20;
    private static final ArrowType U8 = new ArrowType.Int(8, false);
    private static final ArrowType U16 = new ArrowType.Int(16, false);

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    @Test
    void logsWithDictionariesUnsignedIdsAndAbsentColumns() throws Exception {
        BatchArrowRecords batch = BatchArrowRecords.newBuilder()
                .addArrowPayloads(payload(ArrowPayloadType.LOG_ATTRS, logAttributes()))
                .addArrowPayloads(payload(ArrowPayloadType.LOGS, logs()))
                .build();
        try (OtapStreamDecoder stream = new OtapStreamDecoder(Signal.LOGS, new OtlpDecoder(allocator), ARROW_LIMIT);
                TableBatches batches = stream.decode(batch)) {
            List<Map<String, Object>> rows = TableRows.of(batches).get("otlp_logs");
            assertEquals(2, rows.size());
            Map<String, Object> first = rows.get(0);
            assertEquals(null, first.get("time_unix_nano"), "0 is NULL");
            assertEquals(null, first.get("observed_time_unix_nano"), "absent column is NULL");
            assertEquals("INFO", first.get("severity_text"));
            assertEquals("000102030405060708090a0b0c0d0e0f", first.get("trace_id"));
            assertEquals("hello", first.get("body"));
            assertEquals(Map.of("a", "VALUE_STRING:x", "b", "VALUE_NUMBER_INT:7"), first.get("log_attributes"));
            assertEquals(Map.of(), first.get("resource_attributes"));
            assertEquals(null, first.get("service_name"));
            assertEquals(null, first.get("scope_name"));

            Map<String, Object> second = rows.get(1);
            assertEquals(null, second.get("time_unix_nano"), "null is NULL");
            assertEquals("WARN", second.get("severity_text"));
            assertEquals(null, second.get("trace_id"));
            assertEquals(null, second.get("body"), "a null body struct is no body");
            assertEquals(Map.of("a", "VALUE_STRING:x"), second.get("log_attributes"));
        }
    }

    @Test
    void aDeltaDictionaryExtendsTheDictionaryOfTheStream() throws Exception {
        Dictionary severities = stringDictionary(2, "INFO");
        byte[] first;
        try (VarCharVector plain = strings("severity_text", "INFO");
                FieldVector encoded = (FieldVector) DictionaryEncoder.encode(plain, severities)) {
            first = ArrowPayloads.ipc(VectorSchemaRoot.of(encoded), new DictionaryProvider.MapDictionaryProvider(severities));
        } finally {
            severities.getVector().close();
        }
        byte[] second;
        try (VarCharVector added = strings("dictionary", "WARN");
                UInt1Vector indices = new UInt1Vector("severity_text", allocator)) {
            indices.allocateNew(2);
            indices.setSafe(0, 0);
            indices.setSafe(1, 1);
            indices.setValueCount(2);
            second = ArrowPayloads.deltaDictionaryThenBatch(2, VectorSchemaRoot.of(added), VectorSchemaRoot.of(indices));
        }
        try (OtapStreamDecoder stream = new OtapStreamDecoder(Signal.LOGS, new OtlpDecoder(allocator), ARROW_LIMIT)) {
            try (TableBatches batches = stream.decode(BatchArrowRecords.newBuilder()
                    .addArrowPayloads(payload(ArrowPayloadType.LOGS, first)).build())) {
                assertEquals("INFO", TableRows.of(batches).get("otlp_logs").get(0).get("severity_text"));
            }
            try (TableBatches batches = stream.decode(BatchArrowRecords.newBuilder()
                    .addArrowPayloads(payload(ArrowPayloadType.LOGS, second)).build())) {
                List<Map<String, Object>> rows = TableRows.of(batches).get("otlp_logs");
                assertEquals(List.of("INFO", "WARN"), rows.stream().map(row -> row.get("severity_text")).toList());
            }
        }
    }

    /** Rows (parent, key, value): (40000, a, "x"), (+1 -> 40001, a, "x"), (40000, b, 7). */
    private byte[] logAttributes() throws Exception {
        Field parent = new Field("parent_id", FieldType.notNullable(U16), null);
        Dictionary keys = stringDictionary(1, "a", "b");
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(
                parent,
                new Field("type", FieldType.notNullable(U8), null),
                new Field("str", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("int", FieldType.nullable(new ArrowType.Int(64, true)), null))), allocator);
                VarCharVector plainKeys = strings("key", "a", "a", "b");
                FieldVector encodedKeys = (FieldVector) DictionaryEncoder.encode(plainKeys, keys)) {
            UInt2Vector parents = (UInt2Vector) root.getVector("parent_id");
            parents.setSafe(0, 40000);
            parents.setSafe(1, 1);
            parents.setSafe(2, 40000);
            UInt1Vector types = (UInt1Vector) root.getVector("type");
            types.setSafe(0, 1);
            types.setSafe(1, 1);
            types.setSafe(2, 2);
            VarCharVector str = (VarCharVector) root.getVector("str");
            str.setSafe(0, "x".getBytes(StandardCharsets.UTF_8));
            str.setSafe(1, "x".getBytes(StandardCharsets.UTF_8));
            str.setNull(2);
            BigIntVector ints = (BigIntVector) root.getVector("int");
            ints.setNull(0);
            ints.setNull(1);
            ints.setSafe(2, 7);
            VectorSchemaRoot withKeys = root.addVector(1, encodedKeys);
            withKeys.setRowCount(3);
            return ArrowPayloads.ipc(withKeys, new DictionaryProvider.MapDictionaryProvider(keys));
        } finally {
            keys.getVector().close();
        }
    }

    /** Two log records: ids 40000 and 40001 (plain), dictionary-encoded severity_text and trace_id. */
    private byte[] logs() throws Exception {
        Dictionary severities = stringDictionary(2, "WARN", "INFO");
        Dictionary traceIds = traceIdDictionary(3);
        Field id = new Field("id", new FieldType(true, U16, null, Map.of("encoding", "plain")), null);
        Field time = new Field("time_unix_nano", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)), null);
        Field body = new Field("body", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                new Field("type", FieldType.notNullable(U8), null),
                new Field("str", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(
                new org.apache.arrow.vector.types.pojo.Schema(List.of(id, time, body)), allocator);
                VarCharVector plainSeverities = strings("severity_text", "INFO", "WARN");
                FieldVector encodedSeverities = (FieldVector) DictionaryEncoder.encode(plainSeverities, severities);
                FixedSizeBinaryVector plainTraceIds = new FixedSizeBinaryVector("trace_id", allocator, 16)) {
            UInt2Vector ids = (UInt2Vector) root.getVector("id");
            ids.setSafe(0, 40000);
            ids.setSafe(1, 40001);
            TimeStampNanoVector times = (TimeStampNanoVector) root.getVector("time_unix_nano");
            times.setSafe(0, 0);
            times.setNull(1);
            StructVector bodies = (StructVector) root.getVector("body");
            bodies.setIndexDefined(0);
            ((UInt1Vector) bodies.getChild("type")).setSafe(0, 1);
            ((VarCharVector) bodies.getChild("str")).setSafe(0, "hello".getBytes(StandardCharsets.UTF_8));
            bodies.setNull(1);
            plainTraceIds.allocateNew(2);
            plainTraceIds.setSafe(0, HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
            plainTraceIds.setNull(1);
            plainTraceIds.setValueCount(2);
            try (FieldVector encodedTraceIds = (FieldVector) DictionaryEncoder.encode(plainTraceIds, traceIds)) {
                VectorSchemaRoot full = root.addVector(1, encodedSeverities).addVector(2, encodedTraceIds);
                full.setRowCount(2);
                return ArrowPayloads.ipc(full, new DictionaryProvider.MapDictionaryProvider(severities, traceIds));
            }
        } finally {
            severities.getVector().close();
            traceIds.getVector().close();
        }
    }

    private Dictionary stringDictionary(long id, String... values) {
        VarCharVector dictionary = strings("dictionary", values);
        return new Dictionary(dictionary, new DictionaryEncoding(id, false, (ArrowType.Int) U8));
    }

    private Dictionary traceIdDictionary(long id) {
        FixedSizeBinaryVector dictionary = new FixedSizeBinaryVector("dictionary", allocator, 16);
        dictionary.allocateNew(1);
        dictionary.setSafe(0, HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
        dictionary.setValueCount(1);
        return new Dictionary(dictionary, new DictionaryEncoding(id, false, (ArrowType.Int) U16));
    }

    private VarCharVector strings(String name, String... values) {
        VarCharVector vector = new VarCharVector(name, allocator);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        }
        vector.setValueCount(values.length);
        return vector;
    }

    private static ArrowPayload payload(ArrowPayloadType type, byte[] record) {
        return ArrowPayload.newBuilder().setSchemaId(type.name()).setType(type).setRecord(ByteString.copyFrom(record)).build();
    }
}
