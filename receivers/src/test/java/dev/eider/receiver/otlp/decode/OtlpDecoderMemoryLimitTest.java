package dev.eider.receiver.otlp.decode;

import static dev.eider.receiver.otlp.decode.DecodedRows.read;
import static dev.eider.receiver.otlp.decode.DecodedRows.testdata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An allocation that fails partway through a decode must reject the request as overloaded (so
 * clients retry) and free every Arrow buffer the decode had taken, whichever table it was on.
 */
class OtlpDecoderMemoryLimitTest {
    private final RootAllocator root = new RootAllocator();

    @AfterEach
    void closeRoot() {
        root.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "LOGS, logs_large.pb",
        "TRACES, traces_large.pb",
        "METRICS, metrics_mixed.pb",
    })
    void tooSmallAllocatorRejectsAsOverloadedAndFreesEverything(Signal signal, String file) throws Exception {
        byte[] body = read(testdata("bench", file));
        try (BufferAllocator limited = root.newChildAllocator("decode", 0, 4 * 1024)) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> new OtlpDecoder(limited).decode(signal, PayloadFormat.PROTOBUF, body, 0, body.length));
            assertEquals(RejectedException.Reason.OVERLOADED, e.reason());
            assertTrue(e.getMessage().contains("Arrow memory"), e.getMessage());
            assertEquals(0, limited.getAllocatedMemory(), "Arrow memory leaked");
        }
    }

    /** Limits from a few KB up to enough: each decode either succeeds or fails at another point. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "LOGS, logs_large.pb",
        "TRACES, traces_large.pb",
        "METRICS, metrics_mixed.pb",
    })
    void everyFailurePointFreesWhatWasBuilt(Signal signal, String file) throws Exception {
        byte[] body = read(testdata("bench", file));
        int rejected = 0;
        for (long limit = 2 * 1024; limit <= 64L * 1024 * 1024; limit *= 2) {
            try (BufferAllocator limited = root.newChildAllocator("decode-" + limit, 0, limit)) {
                try (TableBatches batches = new OtlpDecoder(limited)
                        .decode(signal, PayloadFormat.PROTOBUF, body, 0, body.length)) {
                    assertTrue(batches.rowCount() > 0);
                } catch (RejectedException e) {
                    assertEquals(RejectedException.Reason.OVERLOADED, e.reason(), e.getMessage());
                    rejected++;
                }
                assertEquals(0, limited.getAllocatedMemory(), "Arrow memory leaked at limit " + limit);
            }
        }
        assertTrue(rejected > 1, "only " + rejected + " limits were too small");
    }
}
