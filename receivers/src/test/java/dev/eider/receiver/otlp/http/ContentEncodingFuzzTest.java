package dev.eider.receiver.otlp.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eider.runtime.pipeline.RejectedException;
import java.util.Arrays;
import java.util.Set;

/**
 * Any compressed body either inflates to at most max_body_bytes or is rejected as BAD_DATA or
 * TOO_LARGE; nothing else is thrown. The input's first byte picks the encoding (0 gzip,
 * 1 deflate, 2 zstd, modulo 3) so one run covers the receiver's whole body framing. The small
 * cap lets a fuzzer-sized input reach TOO_LARGE. Seeds: ContentEncodingFuzzTestInputs/decompress/.
 */
class ContentEncodingFuzzTest {
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ContentEncoding[] ENCODINGS = {ContentEncoding.GZIP, ContentEncoding.DEFLATE, ContentEncoding.ZSTD};
    private static final Set<RejectedException.Reason> ALLOWED =
            Set.of(RejectedException.Reason.BAD_DATA, RejectedException.Reason.TOO_LARGE);

    @FuzzTest
    void decompress(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ContentEncoding encoding = ENCODINGS[Byte.toUnsignedInt(input[0]) % ENCODINGS.length];
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        try {
            BoundedBytes inflated = encoding.decode(body, body.length, MAX_BODY_BYTES);
            assertTrue(inflated.size() <= MAX_BODY_BYTES, encoding + " inflated past the cap: " + inflated.size());
        } catch (RejectedException e) {
            assertTrue(ALLOWED.contains(e.reason()), encoding + " " + e.reason() + ": " + e.getMessage());
        }
    }
}
