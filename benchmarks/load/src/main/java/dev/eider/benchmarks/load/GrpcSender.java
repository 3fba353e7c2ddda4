package dev.eider.benchmarks.load;

import io.grpc.CallOptions;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC unary Export calls over one HTTP/2 connection, sending the payload bytes as the
 * message. A gzip payload is already compressed, so the channel's "gzip" compressor passes bytes
 * through unchanged: the frame is flagged compressed and grpc-encoding says gzip, as a real
 * client's would be, without compressing on every send.
 */
final class GrpcSender implements Sender {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** Announced as gzip; the bytes written through it are gzip already. */
    private static final Codec PRECOMPRESSED_GZIP = new Codec() {
        @Override
        public String getMessageEncoding() {
            return "gzip";
        }

        @Override
        public OutputStream compress(OutputStream os) {
            return os;
        }

        @Override
        public InputStream decompress(InputStream is) throws IOException {
            return new Codec.Gzip().decompress(is);
        }
    };

    private final ManagedChannel channel;
    private final Map<Signal, MethodDescriptor<byte[], byte[]>> methods = new EnumMap<>(Signal.class);

    GrpcSender(String host, int port, Map<String, String> headers) {
        var compressors = CompressorRegistry.newEmptyInstance();
        compressors.register(PRECOMPRESSED_GZIP);
        var metadata = new Metadata();
        headers.forEach((k, v) -> metadata.put(Metadata.Key.of(k.toLowerCase(), Metadata.ASCII_STRING_MARSHALLER), v));
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .compressorRegistry(compressors)
                .maxInboundMessageSize(16 << 20)
                .intercept(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .build();
        for (Signal s : Signal.values()) {
            methods.put(s, MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(s.grpcMethod())
                    .setRequestMarshaller(BYTES)
                    .setResponseMarshaller(BYTES)
                    .build());
        }
    }

    @Override
    public Outcome send(Payload payload) {
        var options = CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);
        if (payload.gzip()) {
            options = options.withCompression("gzip");
        }
        try {
            byte[] response = ClientCalls.blockingUnaryCall(
                    channel, methods.get(payload.signal()), options, payload.body());
            return new Outcome("grpc OK", true, PartialSuccess.rejected(response));
        } catch (StatusRuntimeException e) {
            return new Outcome("grpc " + e.getStatus().getCode(), false, 0);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
