package dev.eider.receiver.otap.grpc;

import com.github.luben.zstd.ZstdOutputStream;
import io.grpc.Compressor;
import java.io.IOException;
import java.io.OutputStream;

/** The client side of the otel-arrow exporter's {@code zstdarrowN} message encodings. */
final class ZstdArrowCompressor implements Compressor {
    private final String name;
    private final int level;

    ZstdArrowCompressor(String name, int level) {
        this.name = name;
        this.level = level;
    }

    @Override
    public String getMessageEncoding() {
        return name;
    }

    @Override
    public OutputStream compress(OutputStream os) throws IOException {
        return new ZstdOutputStream(os, level);
    }
}
