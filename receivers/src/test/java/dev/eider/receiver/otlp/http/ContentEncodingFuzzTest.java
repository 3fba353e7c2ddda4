package dev.eider.receiver.otlp.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eider.runtime.pipeline.RejectedException;
import java.util.Set;

/**
 * Any compressed body either inflates to at most max_body_bytes or is rejected as BAD_DATA or
 * TOO_LARGE; nothing else is thrown. The small cap lets a fuzzer-sized input reach TOO_LARGE.
 * Seeds: ContentEncodingFuzzTestInputs/<method>/.
 */
class ContentEncodingFuzzTest {
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<RejectedException.Reason> ALLOWED =
            Set.of(RejectedException.Reason.BAD_DATA, RejectedException.Reason.TOO_LARGE);

    @FuzzTest
    void gzip(byte[] body) {
        inflateOrReject(ContentEncoding.GZIP, body);
    }

    @FuzzTest
    void deflate(byte[] body) {
        inflateOrReject(ContentEncoding.DEFLATE, body);
    }

    @FuzzTest
    void zstd(byte[] body) {
        inflateOrReject(ContentEncoding.ZSTD, body);
    }

    private static void inflateOrReject(ContentEncoding encoding, byte[] body) {
        try {
            BoundedBytes inflated = encoding.decode(body, body.length, MAX_BODY_BYTES);
            assertTrue(inflated.size() <= MAX_BODY_BYTES, "inflated past the cap: " + inflated.size());
        } catch (RejectedException e) {
            assertTrue(ALLOWED.contains(e.reason()), e.reason() + ": " + e.getMessage());
        }
    }
}
