package dev.eider.receiver.otap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.receiver.otap.proto.ArrowLogsServiceGrpc;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otap.proto.BatchStatus;
import dev.eider.receiver.otap.proto.StatusCode;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.TableBatches;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.StubHost;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver as the collector drives it: created by its factory, started, fed, stopped. */
class OtapReceiverTest {
    @Test
    void servesTheSignalsOfItsPipelinesAndFreesThePortWhenStopped() throws Exception {
        AtomicLong rows = new AtomicLong();
        try (RootAllocator allocator = new RootAllocator()) {
            OtapReceiverFactory factory = new OtapReceiverFactory();
            Receiver receiver = factory.create(context(allocator, rows), ConfigBinding.bind(factory, "endpoint: 127.0.0.1:0"));
            receiver.start(new StubHost());
            ListenerStatus listener = receiver.listeners().get(0);
            assertTrue(listener.isListening());
            assertEquals("otap/in", listener.id());
            assertTrue(listener.port() > 0);

            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", listener.port()).usePlaintext().build();
            try {
                assertEquals(StatusCode.OK, send(channel, "logs-initial.bar").getStatusCode());
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            assertEquals(8, rows.get(), "logs-initial.bar holds 8 log records");
            assertEquals(8, receiver.listeners().get(0).totalRows());

            receiver.stopListening();
            assertFalse(receiver.listeners().get(0).isListening());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", listener.port()), 2000);
                throw new AssertionError("port " + listener.port() + " still accepts connections");
            } catch (ConnectException expected) {
                // the port is free
            }
            receiver.shutdown();
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        }
    }

    @Test
    void servesArrowStreamsOverTls(@TempDir Path dir) throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("otap CA");
        ca.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        AtomicLong rows = new AtomicLong();
        try (RootAllocator allocator = new RootAllocator()) {
            OtapReceiverFactory factory = new OtapReceiverFactory();
            OtapReceiverConfig config = ConfigBinding.bind(factory, """
                    endpoint: 127.0.0.1:0
                    tls: {cert_file: '%s', key_file: '%s'}
                    """.formatted(dir.resolve("server.crt"), dir.resolve("server.key")));
            Receiver receiver = factory.create(context(allocator, rows), config);
            receiver.start(new StubHost());
            ListenerStatus listener = receiver.listeners().get(0);
            assertEquals("https://127.0.0.1:" + listener.port(), listener.listenUrl());
            ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", listener.port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(ca.certificate()).build()).build();
            try {
                assertEquals(StatusCode.OK, send(channel, "logs-initial.bar").getStatusCode());
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
                receiver.shutdown();
            }
            assertEquals(8, rows.get(), "logs-initial.bar holds 8 log records");
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        }
    }

    private static BatchStatus send(ManagedChannel channel, String file) throws Exception {
        CompletableFuture<BatchStatus> status = new CompletableFuture<>();
        StreamObserver<BatchArrowRecords> requests = ArrowLogsServiceGrpc.newStub(channel).arrowLogs(new StreamObserver<>() {
            @Override
            public void onNext(BatchStatus value) {
                status.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                status.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                // the status arrived before
            }
        });
        Path path = Path.of(System.getProperty("eider.test.data"), "otap", file);
        requests.onNext(BatchArrowRecords.parseFrom(Files.readAllBytes(path)));
        BatchStatus answer = status.get(30, TimeUnit.SECONDS);
        requests.onCompleted();
        return answer;
    }

    /** A context whose only pipeline is a logs pipeline that counts and releases what it gets. */
    private static ReceiverContext context(BufferAllocator allocator, AtomicLong rows) {
        SignalConsumer logs = new SignalConsumer() {
            @Override
            public Signal signal() {
                return Signal.LOGS;
            }

            @Override
            public void checkRequest(RequestMetadata metadata) {
                // no auth processor in this pipeline
            }

            @Override
            public Admission admit(long encodedBytes) {
                return new Admission() {
                    @Override
                    public long reservedBytes() {
                        return encodedBytes;
                    }

                    @Override
                    public void close() {
                        // nothing reserved
                    }
                };
            }

            @Override
            public Accepted consume(Admission admission, TableBatches batches) {
                try (admission; batches) {
                    rows.addAndGet(batches.rowCount());
                    return new Accepted(batches.rowCount(), batches.batches().size(), 0, null);
                }
            }

            @Override
            public boolean ready() {
                return true;
            }
        };
        return new ReceiverContext() {
            @Override
            public ComponentId id() {
                return ComponentId.parse("otap/in");
            }

            @Override
            public Optional<SignalConsumer> consumer(Signal signal) {
                return signal == Signal.LOGS ? Optional.of(logs) : Optional.empty();
            }

            @Override
            public BufferAllocator allocator() {
                return allocator;
            }
        };
    }
}
