package dev.eider.receiver.otlp.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import org.apache.arrow.memory.RootAllocator;

/**
 * Any body either decodes or is rejected as BAD_DATA: no other exception, and every Arrow buffer
 * is released either way. Without JAZZER_FUZZ only the seeds under
 * src/test/resources/.../OtlpDecoderFuzzTestInputs/<method>/ run (docs/fuzzing.md).
 */
class OtlpDecoderFuzzTest {
    /** Far above what a fuzzer-sized body can legitimately decode to; hitting it is a finding. */
    private static final long ALLOCATOR_LIMIT = 256L << 20;

    @FuzzTest
    void protobufLogs(byte[] body) {
        decodeOrReject(Signal.LOGS, PayloadFormat.PROTOBUF, body);
    }

    @FuzzTest
    void protobufTraces(byte[] body) {
        decodeOrReject(Signal.TRACES, PayloadFormat.PROTOBUF, body);
    }

    @FuzzTest
    void protobufMetrics(byte[] body) {
        decodeOrReject(Signal.METRICS, PayloadFormat.PROTOBUF, body);
    }

    @FuzzTest
    void jsonLogs(byte[] body) {
        decodeOrReject(Signal.LOGS, PayloadFormat.JSON, body);
    }

    @FuzzTest
    void jsonTraces(byte[] body) {
        decodeOrReject(Signal.TRACES, PayloadFormat.JSON, body);
    }

    @FuzzTest
    void jsonMetrics(byte[] body) {
        decodeOrReject(Signal.METRICS, PayloadFormat.JSON, body);
    }

    @FuzzTest
    void ndjsonLogs(byte[] body) {
        decodeOrReject(Signal.LOGS, PayloadFormat.NDJSON, body);
    }

    @FuzzTest
    void ndjsonTraces(byte[] body) {
        decodeOrReject(Signal.TRACES, PayloadFormat.NDJSON, body);
    }

    @FuzzTest
    void ndjsonMetrics(byte[] body) {
        decodeOrReject(Signal.METRICS, PayloadFormat.NDJSON, body);
    }

    private static void decodeOrReject(Signal signal, PayloadFormat format, byte[] body) {
        try (RootAllocator allocator = new RootAllocator(ALLOCATOR_LIMIT)) {
            OtlpDecoder decoder = new OtlpDecoder(allocator);
            try (TableBatches ignored = decoder.decode(signal, format, body, 0, body.length)) {
                // decoding without an exception is the other allowed outcome
            } catch (RejectedException e) {
                assertEquals(RejectedException.Reason.BAD_DATA, e.reason(), e.getMessage());
            }
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        }
    }
}
