package dev.eider.receiver.grpc;

import com.github.luben.zstd.ZstdInputStream;
import io.grpc.Decompressor;
import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code zstd} message encoding (OpenTelemetry collectors and SDKs can send it). gRPC bounds
 * the inflated size by the server's max inbound message size, so a bomb is cut off while reading.
 */
final class ZstdDecompressor implements Decompressor {
    @Override
    public String getMessageEncoding() {
        return "zstd";
    }

    @Override
    public InputStream decompress(InputStream is) throws IOException {
        return new ZstdInputStream(is);
    }
}
