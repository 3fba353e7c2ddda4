package dev.eider.receiver.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import dev.eider.runtime.tls.TlsConfig;
import dev.eider.runtime.tls.TlsVersion;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receivers naming one endpoint share one real gRPC server; each serves its own services on it. */
class GrpcServersTest {
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

    private Endpoint endpoint;
    private ManagedChannel channel;

    @TempDir
    Path dir;

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            endpoint = new Endpoint("127.0.0.1", socket.getLocalPort());
        }
        channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port()).usePlaintext().build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void twoReceiversServeOnOnePortUntilTheLastLeaves() throws Exception {
        GrpcRegistration otlp = GrpcServers.process().register("otlp", endpoint, 1024, Optional.empty(), List.of(echo("test.Otlp", "otlp:")));
        // "localhost" is the same address as 127.0.0.1: the second receiver joins, it does not bind.
        GrpcRegistration otap = GrpcServers.process().register("otap", new Endpoint("localhost", endpoint.port()), 1024,
                Optional.empty(), List.of(echo("test.Arrow", "arrow:")));
        assertEquals(endpoint.port(), otlp.port());
        assertEquals(endpoint.port(), otap.port());

        assertArrayEquals(bytes("otlp:a"), call("test.Otlp", "a"));
        assertArrayEquals(bytes("arrow:b"), call("test.Arrow", "b"));

        otlp.close();
        StatusRuntimeException gone = assertThrows(StatusRuntimeException.class, () -> call("test.Otlp", "a"));
        assertEquals(Status.Code.UNIMPLEMENTED, gone.getStatus().getCode());
        assertArrayEquals(bytes("arrow:c"), call("test.Arrow", "c"), "the other receiver still serves");

        otap.close();
        otap.close();
        try (ServerSocket rebound = new ServerSocket(endpoint.port(), 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertTrue(rebound.isBound(), "the last receiver to leave frees the port");
        }
    }

    @Test
    void receiversOnOneEndpointNeedTheSameMessageLimit() throws Exception {
        try (GrpcRegistration first = GrpcServers.process().register("otlp/a", endpoint, 1024, Optional.empty(), List.of(echo("test.A", "")))) {
            IOException refused = assertThrows(IOException.class, () -> GrpcServers.process()
                    .register("otap/b", endpoint, 2048, Optional.empty(), List.of(echo("test.B", ""))));
            assertEquals("receiver otap/b shares " + endpoint + " with otlp/a, whose max_body_bytes is 1024 but otap/b's"
                    + " is 2048; receivers on one gRPC endpoint need the same max_body_bytes", refused.getMessage());
            assertArrayEquals(bytes("x"), call("test.A", "x"), "the refusal leaves the first receiver serving");
        }
    }

    @Test
    void receiversSharingATlsEndpointServeOverOneTlsServer() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("grpc CA");
        Optional<TlsConfig> tls = Optional.of(tls(ca, Optional.empty()));
        ManagedChannel secure = NettyChannelBuilder.forAddress("localhost", endpoint.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.certificate()).build()).build();
        try (GrpcRegistration otlp = GrpcServers.process().register("otlp", endpoint, 1024, tls,
                     List.of(echo("test.Otlp", "otlp:")));
             GrpcRegistration otap = GrpcServers.process().register("otap", endpoint, 1024, tls,
                     List.of(echo("test.Arrow", "arrow:")))) {
            assertArrayEquals(bytes("otlp:a"), call(secure, "test.Otlp", "a"));
            assertArrayEquals(bytes("arrow:b"), call(secure, "test.Arrow", "b"));

            StatusRuntimeException plaintext = assertThrows(StatusRuntimeException.class, () -> call("test.Otlp", "p"));
            assertEquals(Status.Code.UNAVAILABLE, plaintext.getStatus().getCode());
            assertArrayEquals(bytes("otlp:c"), call(secure, "test.Otlp", "c"), "a plaintext client does not disturb the server");

            IOException plain = assertThrows(IOException.class, () -> GrpcServers.process()
                    .register("otap/plain", endpoint, 1024, Optional.empty(), List.of(echo("test.Plain", ""))));
            assertEquals("receiver otap/plain shares " + endpoint + " with otlp, which serves grpc with "
                    + tls.get().describe() + " but otap/plain asks for grpc; receivers on one gRPC endpoint need the"
                    + " same tls settings", plain.getMessage());
        } finally {
            secure.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withAClientCaOnlyClientsWithItsCertificatesAreServed() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("grpc CA");
        TestCertificateAuthority clients = TestCertificateAuthority.create("clients CA");
        TestCertificateAuthority.Issued agent = clients.issueClient("agent");
        Optional<TlsConfig> tls = Optional.of(tls(ca, Optional.of(clients)));
        ManagedChannel withCertificate = NettyChannelBuilder.forAddress("localhost", endpoint.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.certificate())
                        .keyManager(agent.key(), agent.certificate()).build()).build();
        ManagedChannel without = NettyChannelBuilder.forAddress("localhost", endpoint.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.certificate()).build()).build();
        try (GrpcRegistration otlp = GrpcServers.process().register("otlp", endpoint, 1024, tls,
                List.of(echo("test.Otlp", "otlp:")))) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> call(without, "test.Otlp", "x"));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
            assertArrayEquals(bytes("otlp:m"), call(withCertificate, "test.Otlp", "m"));
        } finally {
            withCertificate.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            without.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoReceiversCannotServeTheSameService() throws Exception {
        try (GrpcRegistration first = GrpcServers.process().register("otlp/a", endpoint, 1024, Optional.empty(), List.of(echo("test.A", "")))) {
            IOException refused = assertThrows(IOException.class, () -> GrpcServers.process()
                    .register("otlp/b", endpoint, 1024, Optional.empty(), List.of(echo("test.A", ""))));
            assertTrue(refused.getMessage().contains("another receiver there already serves it"), refused.getMessage());
        }
    }

    @Test
    void aTakenPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(endpoint.port(), 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            IOException refused = assertThrows(IOException.class, () -> GrpcServers.process()
                    .register("otap", endpoint, 1024, Optional.empty(), List.of(echo("test.A", ""))));
            assertTrue(refused.getMessage().startsWith("receiver otap cannot listen on " + endpoint), refused.getMessage());
        }
    }

    private TlsConfig tls(TestCertificateAuthority ca, Optional<TestCertificateAuthority> clients) throws IOException {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        ca.issueServer().write(cert, key);
        Optional<Path> clientCa = Optional.empty();
        if (clients.isPresent()) {
            clientCa = Optional.of(clients.get().writeCertificate(dir.resolve("clients.crt")));
        }
        return new TlsConfig(cert, key, clientCa, TlsVersion.TLS_1_2, Duration.ZERO);
    }

    private byte[] call(String service, String text) {
        return call(channel, service, text);
    }

    private static byte[] call(ManagedChannel channel, String service, String text) {
        return ClientCalls.blockingUnaryCall(channel, method(service), io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10,
                TimeUnit.SECONDS), bytes(text));
    }

    private static ServerServiceDefinition echo(String service, String prefix) {
        return ServerServiceDefinition.builder(service)
                .addMethod(method(service), ServerCalls.asyncUnaryCall((request, response) -> {
                    byte[] prefixBytes = bytes(prefix);
                    byte[] answer = new byte[prefixBytes.length + request.length];
                    System.arraycopy(prefixBytes, 0, answer, 0, prefixBytes.length);
                    System.arraycopy(request, 0, answer, prefixBytes.length, request.length);
                    response.onNext(answer);
                    response.onCompleted();
                }))
                .build();
    }

    private static MethodDescriptor<byte[], byte[]> method(String service) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Echo"))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
