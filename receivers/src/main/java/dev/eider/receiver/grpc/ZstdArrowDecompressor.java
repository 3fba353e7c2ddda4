package dev.eider.receiver.grpc;

import com.github.luben.zstd.ZstdInputStream;
import io.grpc.Decompressor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * zstd message compression under the names the otel-arrow exporter negotiates: {@code zstd}
 * and {@code zstdarrow1}..{@code zstdarrow10} (one name per compression level; all are plain
 * zstd frames to a reader). gRPC bounds the inflated size by the max inbound message size.
 */
final class ZstdArrowDecompressor implements Decompressor {
    private final String encoding;

    private ZstdArrowDecompressor(String encoding) {
        this.encoding = encoding;
    }

    static List<Decompressor> all() {
        List<Decompressor> decompressors = new ArrayList<>();
        decompressors.add(new ZstdArrowDecompressor("zstd"));
        for (int level = 1; level <= 10; level++) {
            decompressors.add(new ZstdArrowDecompressor("zstdarrow" + level));
        }
        return decompressors;
    }

    @Override
    public String getMessageEncoding() {
        return encoding;
    }

    @Override
    public InputStream decompress(InputStream is) throws IOException {
        return new ZstdInputStream(is);
    }
}
