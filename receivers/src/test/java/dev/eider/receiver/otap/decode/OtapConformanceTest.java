package dev.eider.receiver.otap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.decode.PayloadFormat;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every OTAP message of test-data/otap (written by otel-arrow's Go producer) decodes to exactly
 * the rows (all columns) that its OTLP twin (the same telemetry, marshaled by the Collector's
 * pdata) decodes to through the OTLP receiver's decoder.
 */
class OtapConformanceTest {
    private static final long ARROW_LIMIT = 64L << 20;
    private final RootAllocator allocator = new RootAllocator();
    private final OtlpDecoder otlp = new OtlpDecoder(allocator);

    @AfterEach
    void noLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    @ParameterizedTest
    @CsvSource({"LOGS, logs", "TRACES, traces", "METRICS, metrics"})
    void initialMessageDecodesToTheRowsOfItsOtlpTwin(Signal signal, String name) throws Exception {
        try (OtapStreamDecoder stream = new OtapStreamDecoder(signal, otlp, ARROW_LIMIT)) {
            assertSameRows(signal, name + "-initial.otlp", stream, name + "-initial.bar");
        }
    }

    @ParameterizedTest
    @CsvSource({"LOGS, logs", "TRACES, traces", "METRICS, metrics"})
    void reuseMessageDecodesAfterTheInitialOneOnTheSameStream(Signal signal, String name) throws Exception {
        try (OtapStreamDecoder stream = new OtapStreamDecoder(signal, otlp, ARROW_LIMIT)) {
            decode(stream, name + "-initial.bar").close();
            assertSameRows(signal, name + "-reuse.otlp", stream, name + "-reuse.bar");
        }
    }

    @ParameterizedTest
    @CsvSource({"LOGS, logs", "TRACES, traces", "METRICS, metrics"})
    void reuseMessageWithoutTheInitialOneIsRefused(Signal signal, String name) {
        try (OtapStreamDecoder stream = new OtapStreamDecoder(signal, otlp, ARROW_LIMIT)) {
            OtapDecodeException e = assertThrows(OtapDecodeException.class, () -> decode(stream, name + "-reuse.bar"));
            assertTrue(e.getMessage().contains("not a valid Arrow IPC stream"), e.getMessage());
        }
    }

    @Test
    void zstdCompressedBuffersDecode() throws Exception {
        try (OtapStreamDecoder stream = new OtapStreamDecoder(Signal.LOGS, otlp, ARROW_LIMIT)) {
            assertSameRows(Signal.LOGS, "logs-initial.otlp", stream, "logs-zstd.bar");
        }
    }

    private void assertSameRows(Signal signal, String otlpFile, OtapStreamDecoder stream, String barFile) throws Exception {
        byte[] request = Files.readAllBytes(testdata(otlpFile));
        Map<String, List<Map<String, Object>>> expected;
        try (TableBatches batches = otlp.decode(signal, PayloadFormat.PROTOBUF, request, 0, request.length)) {
            expected = TableRows.of(batches);
        }
        assertFalse(expected.isEmpty(), otlpFile + " has rows");
        try (TableBatches batches = decode(stream, barFile)) {
            assertEquals(inAnyOrder(expected), inAnyOrder(TableRows.of(batches)), barFile + " vs " + otlpFile);
        }
    }

    /** The rows of each table, ordered by their text: the Go producer sorts rows as it encodes them. */
    private static Map<String, List<String>> inAnyOrder(Map<String, List<Map<String, Object>>> tables) {
        Map<String, List<String>> sorted = new java.util.TreeMap<>();
        tables.forEach((table, rows) -> sorted.put(table, rows.stream().map(String::valueOf).sorted().toList()));
        return sorted;
    }

    private static TableBatches decode(OtapStreamDecoder stream, String barFile) throws Exception {
        return stream.decode(BatchArrowRecords.parseFrom(Files.readAllBytes(testdata(barFile))));
    }

    static Path testdata(String file) {
        return Path.of(System.getProperty("eider.test.data"), "otap", file);
    }
}
