package dev.eider.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * One pre-encoded export request, replayed as is: {@code body} is what goes on the wire (already
 * gzip-compressed when {@code gzip}), so the load generator spends no CPU on encoding.
 */
public record Payload(Signal signal, byte[] body, boolean gzip, long records, int uncompressedBytes) {

    public static Payload of(Signal signal, byte[] request, boolean gzip) throws IOException {
        long records = signal.countRecords(request);
        if (records == 0) {
            throw new IllegalArgumentException("the " + signal + " payload holds no records");
        }
        return new Payload(signal, gzip ? gzip(request) : request, gzip, records, request.length);
    }

    static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
