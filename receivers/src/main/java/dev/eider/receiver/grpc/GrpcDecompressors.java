package dev.eider.receiver.grpc;

import io.grpc.Decompressor;
import io.grpc.DecompressorRegistry;

/**
 * Every message encoding a receiver's gRPC server accepts: gzip, OTLP's zstd and the
 * otel-arrow exporter's zstdarrow levels. One set, because a server on a shared endpoint
 * serves the calls of every receiver there.
 */
final class GrpcDecompressors {
    private GrpcDecompressors() {}

    static DecompressorRegistry all() {
        DecompressorRegistry registry = DecompressorRegistry.getDefaultInstance().with(new ZstdDecompressor(), true);
        for (Decompressor decompressor : ZstdArrowDecompressor.all()) {
            registry = registry.with(decompressor, true);
        }
        return registry;
    }
}
