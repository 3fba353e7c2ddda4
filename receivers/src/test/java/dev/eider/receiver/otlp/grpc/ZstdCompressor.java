package dev.eider.receiver.otlp.grpc;

import com.github.luben.zstd.ZstdOutputStream;
import io.grpc.Compressor;
import java.io.IOException;
import java.io.OutputStream;

/** The client side of the {@code zstd} message encoding, for the test channel. */
final class ZstdCompressor implements Compressor {
    @Override
    public String getMessageEncoding() {
        return "zstd";
    }

    @Override
    public OutputStream compress(OutputStream os) throws IOException {
        return new ZstdOutputStream(os);
    }
}
