package dev.eider.receiver.otlp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import dev.eider.runtime.pipeline.RejectedException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentEncodingTest {
    private static final byte[] PLAIN = randomText(100_000);

    private static byte[] randomText(int length) {
        byte[] bytes = new byte[length];
        Random random = new Random(7);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(8));
        }
        return bytes;
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain, boolean raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, raw);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(plain);
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] decode(ContentEncoding encoding, byte[] wire, int limit) throws RejectedException {
        BoundedBytes out = encoding.decode(wire, wire.length, limit);
        assertTrue(out.array().length <= limit, "allocated past the limit: " + out.array().length);
        return Arrays.copyOf(out.array(), out.size());
    }

    @Test
    void everyEncodingRoundTripsAtExactlyTheLimit() throws Exception {
        assertArrayEquals(PLAIN, decode(ContentEncoding.GZIP, gzip(PLAIN), PLAIN.length));
        assertArrayEquals(PLAIN, decode(ContentEncoding.DEFLATE, deflate(PLAIN, false), PLAIN.length));
        assertArrayEquals(PLAIN, decode(ContentEncoding.DEFLATE, deflate(PLAIN, true), PLAIN.length));
        assertArrayEquals(PLAIN, decode(ContentEncoding.ZSTD, Zstd.compress(PLAIN), PLAIN.length));
    }

    @Test
    void oneByteOverTheLimitIsTooLarge() throws Exception {
        for (ContentEncoding encoding : new ContentEncoding[] {ContentEncoding.GZIP, ContentEncoding.ZSTD}) {
            byte[] wire = encoding == ContentEncoding.GZIP ? gzip(PLAIN) : Zstd.compress(PLAIN);
            RejectedException e = assertThrows(RejectedException.class,
                    () -> encoding.decode(wire, wire.length, PLAIN.length - 1));
            assertEquals(RejectedException.Reason.TOO_LARGE, e.reason());
        }
    }

    @Test
    void corruptStreamsAreBadData() {
        byte[] junk = "definitely not compressed".getBytes();
        for (ContentEncoding encoding : new ContentEncoding[] {ContentEncoding.GZIP, ContentEncoding.DEFLATE,
                ContentEncoding.ZSTD}) {
            RejectedException e = assertThrows(RejectedException.class, () -> encoding.decode(junk, junk.length, 1 << 20));
            assertEquals(RejectedException.Reason.BAD_DATA, e.reason(), encoding.name());
        }
    }

    @Test
    void headerNamesAreCaseInsensitiveAndUnknownOnesUnsupported() throws Exception {
        assertEquals(ContentEncoding.IDENTITY, ContentEncoding.of(null));
        assertEquals(ContentEncoding.GZIP, ContentEncoding.of(" GZip "));
        RejectedException e = assertThrows(RejectedException.class, () -> ContentEncoding.of("gzip, br"));
        assertEquals(RejectedException.Reason.UNSUPPORTED_ENCODING, e.reason());
    }
}
