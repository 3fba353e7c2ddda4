package dev.eider.receiver.otlp.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.Table;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Codec;
import io.grpc.Compressor;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OTLP/gRPC listener against a plain grpc-java client over a real socket. */
class OtlpGrpcServerTest {
    private static final String TOKEN = "s3cret-token";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final BufferAllocator allocator = new RootAllocator();
    private final TokenCheckingConsumer logs = new TokenCheckingConsumer(Signal.LOGS, TOKEN);
    private final TokenCheckingConsumer metrics = new TokenCheckingConsumer(Signal.METRICS, TOKEN);
    private OtlpGrpcServer server;
    private ManagedChannel channel;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop();
        }
        allocator.close(); // fails the test if a decoded batch leaked
    }

    @Test
    void acceptsLogsWithBearerTokenAndCountsThem() throws IOException {
        start(Map.of(Signal.LOGS, logs, Signal.METRICS, metrics));

        ExportLogsServiceResponse response = call(OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(3),
                "authorization", "Bearer " + TOKEN, CallOptions.DEFAULT);

        assertFalse(response.hasPartialSuccess());
        assertEquals(3, logs.rows(Table.LOGS));
        assertEquals(0, logs.openAdmissions());
        ListenerStatus status = server.status();
        assertEquals("grpc", status.protocol());
        assertEquals("otlp://localhost:" + server.port(), status.listenUri());
        assertEquals("http://localhost:" + server.port(), status.listenUrl());
        assertEquals(1, status.totalRequests());
        assertEquals(3, status.totalRows());
        assertTrue(status.isListening());
    }

    @Test
    void badTokenIsUnauthenticatedBeforeTheBodyIsAdmitted() throws IOException {
        start(Map.of(Signal.LOGS, logs));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> call(
                OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(1), "x-api-key", "wrong", CallOptions.DEFAULT));

        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertEquals("missing or invalid token", refused.getStatus().getDescription());
        assertEquals(0, logs.admissions());
        assertEquals("unauthenticated: missing or invalid token", server.status().lastError());
    }

    @Test
    void garbageIsInvalidArgumentAndReleasesItsAdmission() throws IOException {
        start(Map.of(Signal.LOGS, logs));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> call(
                OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.truncated(), "x-api-key", TOKEN, CallOptions.DEFAULT));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertNotNull(refused.getStatus().getDescription());
        assertEquals(1, logs.admissions());
        assertEquals(0, logs.openAdmissions());
        assertEquals(0, logs.totalRows());
    }

    @Test
    void refusedAdmissionIsResourceExhaustedWithRetryInfo() throws Exception {
        start(Map.of(Signal.LOGS, logs));
        logs.refuseAdmission();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> call(
                OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(2), "x-api-key", TOKEN, CallOptions.DEFAULT));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        com.google.rpc.Status details = StatusProto.fromThrowable(refused);
        assertNotNull(details, "grpc-status-details-bin trailer missing");
        Any detail = details.getDetails(0);
        assertTrue(detail.is(RetryInfo.class));
        assertEquals(3, detail.unpack(RetryInfo.class).getRetryDelay().getSeconds());
        assertEquals(0, logs.totalRows());
    }

    @Test
    void messageLargerThanMaxBodyBytesIsRefusedByGrpc() throws IOException {
        start(Map.of(Signal.LOGS, logs));
        byte[] tooLarge = new byte[MAX_BODY_BYTES + 1];
        new Random(7).nextBytes(tooLarge);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> call(
                OtlpGrpcMethods.LOGS_EXPORT, tooLarge, "x-api-key", TOKEN, CallOptions.DEFAULT));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertEquals(0, logs.admissions());
    }

    @Test
    void decompressedSizeIsBoundedByMaxBodyBytes() throws IOException {
        start(Map.of(Signal.LOGS, logs));
        byte[] inflated = new byte[MAX_BODY_BYTES * 4];
        assertTrue(Zstd.compress(inflated).length < MAX_BODY_BYTES, "the wire size must be under the limit");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> call(
                OtlpGrpcMethods.LOGS_EXPORT, inflated, "x-api-key", TOKEN,
                CallOptions.DEFAULT.withCompression("zstd")));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertEquals(0, logs.admissions());
    }

    @Test
    void corruptCompressedMessageIsInvalidArgument() throws IOException {
        start(Map.of(Signal.LOGS, logs));
        // Announces zstd but sends the bytes as they are.
        CompressorRegistry lying = CompressorRegistry.newEmptyInstance();
        lying.register(new Compressor() {
            @Override
            public String getMessageEncoding() {
                return "zstd";
            }

            @Override
            public OutputStream compress(OutputStream os) {
                return os;
            }
        });
        channel.shutdownNow();
        channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().compressorRegistry(lying).build();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> call(
                OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(2), "x-api-key", TOKEN,
                CallOptions.DEFAULT.withCompression("zstd")));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals(0, logs.admissions());
    }

    @Test
    void gzipAndZstdCompressedRequestsAreAccepted() throws IOException {
        start(Map.of(Signal.LOGS, logs));

        call(OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(4), "x-api-key", TOKEN,
                CallOptions.DEFAULT.withCompression("gzip"));
        call(OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(5), "x-api-key", TOKEN,
                CallOptions.DEFAULT.withCompression("zstd"));

        assertEquals(9, logs.rows(Table.LOGS));
    }

    @Test
    void dataPointsWithoutATableAreReportedAsPartialSuccess() throws IOException {
        start(Map.of(Signal.METRICS, metrics));

        ExportMetricsServiceResponse response = call(OtlpGrpcMethods.METRICS_EXPORT, OtlpRequests.gaugeAndSummary(2),
                "authorization", "bearer " + TOKEN, CallOptions.DEFAULT);

        assertTrue(response.hasPartialSuccess());
        assertEquals(1, response.getPartialSuccess().getRejectedDataPoints());
        assertFalse(response.getPartialSuccess().getErrorMessage().isEmpty());
        assertEquals(2, metrics.rows(Table.METRICS_GAUGE));
    }

    @Test
    void signalWithoutConsumerHasNoService() throws IOException {
        start(Map.of(Signal.METRICS, metrics));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> call(
                OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(1), "x-api-key", TOKEN, CallOptions.DEFAULT));

        assertEquals(Status.Code.UNIMPLEMENTED, refused.getStatus().getCode());
    }

    @Test
    void stopLetsTheInFlightCallFinishThenFreesThePort() throws Exception {
        start(Map.of(Signal.LOGS, logs));
        int port = server.port();
        CountDownLatch gate = new CountDownLatch(1);
        logs.holdConsume(gate);
        CompletableFuture<ExportLogsServiceResponse> inFlight = CompletableFuture.supplyAsync(() -> call(
                OtlpGrpcMethods.LOGS_EXPORT, OtlpRequests.logs(2), "x-api-key", TOKEN, CallOptions.DEFAULT));
        assertTrue(logs.awaitConsumeEntered());
        assertEquals(1, server.status().activeRequests());

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        gate.countDown();

        inFlight.get(30, TimeUnit.SECONDS);
        stopping.get(30, TimeUnit.SECONDS);
        assertEquals(2, logs.rows(Table.LOGS));
        assertFalse(server.status().isListening());
        // the call counts as active until gRPC has closed it, which can trail the client's answer
        for (int i = 0; i < 500 && server.status().activeRequests() != 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, server.status().activeRequests());
        server.stop(); // idempotent
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void busyPortIsReportedWithTheEndpoint() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server = new OtlpGrpcServer("otlp", new Endpoint("127.0.0.1", taken.getLocalPort()), MAX_BODY_BYTES,
                    Optional.empty(),
                    Map.of(Signal.LOGS, logs), new OtlpDecoder(allocator));
            IOException failure = assertThrows(IOException.class, server::start);
            assertTrue(failure.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), failure.getMessage());
        }
    }

    private void start(Map<Signal, SignalConsumer> consumers) throws IOException {
        server = new OtlpGrpcServer("otlp", new Endpoint("localhost", 0), MAX_BODY_BYTES, Optional.empty(), consumers,
                new OtlpDecoder(allocator));
        server.start();
        CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
        compressors.register(new Codec.Gzip());
        compressors.register(new ZstdCompressor());
        channel = NettyChannelBuilder.forAddress("localhost", server.port())
                .usePlaintext()
                .compressorRegistry(compressors)
                .build();
    }

    private <R> R call(MethodDescriptor<byte[], R> method, byte[] body, String header, String value, CallOptions options) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
        Channel authenticated = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(authenticated, method, options.withDeadlineAfter(30, TimeUnit.SECONDS), body);
    }
}
