package dev.eider.receiver.otlp.http;

import com.github.luben.zstd.ZstdInputStream;
import dev.eider.runtime.pipeline.RejectedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** The request body encodings the receiver accepts, and how each is undone under a size cap. */
enum ContentEncoding {
    IDENTITY,
    GZIP,
    /** zlib-wrapped (RFC 1950, what the RFC means) or raw (RFC 1951, what some clients send). */
    DEFLATE,
    ZSTD;

    private static final int CHUNK = 64 * 1024;

    static ContentEncoding of(String header) throws RejectedException {
        if (header == null || header.isBlank()) {
            return IDENTITY;
        }
        return switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "identity" -> IDENTITY;
            case "gzip" -> GZIP;
            case "deflate" -> DEFLATE;
            case "zstd" -> ZSTD;
            default -> throw new RejectedException(RejectedException.Reason.UNSUPPORTED_ENCODING,
                    "unsupported Content-Encoding '" + header + "'; use gzip, deflate, zstd or identity");
        };
    }

    /**
     * Decompresses {@code body[0, length)} into at most {@code limit} bytes. Throws TOO_LARGE as
     * soon as the output would pass the limit (nothing larger is ever allocated) and BAD_DATA
     * when the stream is corrupt.
     */
    BoundedBytes decode(byte[] body, int length, int limit) throws RejectedException {
        if (this == IDENTITY) {
            throw new IllegalStateException("identity bodies are not copied");
        }
        Inflater inflater = null;
        try {
            InputStream in = new ByteArrayInputStream(body, 0, length);
            switch (this) {
                case GZIP -> in = new GZIPInputStream(in, CHUNK);
                case DEFLATE -> {
                    inflater = new Inflater(!isZlibHeader(body, length));
                    in = new InflaterInputStream(in, inflater, CHUNK);
                }
                case ZSTD -> in = new ZstdInputStream(in);
                default -> throw new IllegalStateException();
            }
            try (InputStream stream = in) {
                return readBounded(stream, length, limit);
            }
        } catch (IOException e) {
            throw new RejectedException(RejectedException.Reason.BAD_DATA,
                    name().toLowerCase(Locale.ROOT) + " body does not decompress: " + e.getMessage());
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    private BoundedBytes readBounded(InputStream in, int compressedLength, int limit)
            throws IOException, RejectedException {
        BoundedBytes out = new BoundedBytes((int) Math.min(limit, Math.max(CHUNK, compressedLength * 4L)), limit);
        while (true) {
            if (!out.ensureRoom()) {
                if (in.read() < 0) {
                    return out;
                }
                throw new RejectedException(RejectedException.Reason.TOO_LARGE,
                        "decompressed body exceeds max_body_bytes (" + limit + " bytes)");
            }
            int n = in.read(out.array(), out.size(), out.room());
            if (n < 0) {
                return out;
            }
            out.advance(n);
        }
    }

    /** RFC 1950 header: deflate method with a window that fits, and a header checksum that holds. */
    private static boolean isZlibHeader(byte[] body, int length) {
        if (length < 2) {
            return false;
        }
        int cmf = body[0] & 0xff;
        int flg = body[1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }
}
