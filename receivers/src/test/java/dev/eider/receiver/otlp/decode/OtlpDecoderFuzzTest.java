package dev.eider.receiver.otlp.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import java.util.Arrays;
import org.apache.arrow.memory.RootAllocator;

/**
 * Any body either decodes or is rejected as BAD_DATA: no other exception, and every Arrow buffer
 * is released either way. One target per payload format; the input's first byte picks the
 * signal (0 logs, 1 traces, 2 metrics, modulo 3) so one run covers all three decoders of a
 * format. Without JAZZER_FUZZ only the seeds under
 * src/test/resources/.../OtlpDecoderFuzzTestInputs/<method>/ run (docs/fuzzing.md).
 */
class OtlpDecoderFuzzTest {
    /** Far above what a fuzzer-sized body can legitimately decode to; hitting it is a finding. */
    private static final long ALLOCATOR_LIMIT = 256L << 20;
    private static final Signal[] SIGNALS = {Signal.LOGS, Signal.TRACES, Signal.METRICS};

    @FuzzTest
    void protobuf(byte[] input) {
        decodeOrReject(PayloadFormat.PROTOBUF, input);
    }

    @FuzzTest
    void json(byte[] input) {
        decodeOrReject(PayloadFormat.JSON, input);
    }

    @FuzzTest
    void ndjson(byte[] input) {
        decodeOrReject(PayloadFormat.NDJSON, input);
    }

    private static void decodeOrReject(PayloadFormat format, byte[] input) {
        if (input.length == 0) {
            return;
        }
        Signal signal = SIGNALS[Byte.toUnsignedInt(input[0]) % SIGNALS.length];
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
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
