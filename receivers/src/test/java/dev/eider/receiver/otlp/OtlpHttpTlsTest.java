package dev.eider.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.testkit.CapturingConsumer;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import dev.eider.runtime.testkit.TestReceiverContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OTLP/HTTP listener with a tls block, against the JDK's HTTP client over real sockets. */
class OtlpHttpTlsTest {
    private final TestCertificateAuthority ca = TestCertificateAuthority.create("http CA");
    private final CapturingConsumer logs = new CapturingConsumer(Signal.LOGS);
    private final RootAllocator allocator = new RootAllocator();
    private Receiver receiver;
    private int port;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        if (receiver != null) {
            receiver.shutdown();
        }
        logs.close();
        allocator.close();
    }

    /** Starts an otlp receiver with only http, plus {@code tls} (a YAML flow mapping, or empty for plaintext). */
    private void start(String tls) throws Exception {
        OtlpReceiverFactory factory = new OtlpReceiverFactory();
        String http = "endpoint: '127.0.0.1:0'" + (tls.isEmpty() ? "" : ", tls: " + tls);
        receiver = factory.create(TestReceiverContext.of("otlp", allocator, logs),
                ConfigBinding.bind(factory, "protocols: {http: {" + http + "}}"));
        receiver.start(null);
        port = receiver.listeners().get(0).port();
    }

    private String serverFiles() throws IOException {
        ca.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        return "{cert_file: '" + dir.resolve("server.crt") + "', key_file: '" + dir.resolve("server.key") + "'";
    }

    private HttpResponse<String> post(String scheme, SSLContext tls) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            client.sslContext(tls);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + port + "/v1/logs"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(OtlpBodies.logsJsonBytes(2)))
                .build();
        return client.build().send(request, BodyHandlers.ofString());
    }

    @Test
    void logsArriveOverTlsAndPlaintextClientsAreTurnedAway() throws Exception {
        start(serverFiles() + "}");
        assertEquals("https://127.0.0.1:" + port, receiver.listeners().get(0).listenUrl());

        assertEquals(202, post("https", ca.clientContext(null)).statusCode());
        assertThrows(IOException.class, () -> post("http", null), "plaintext to a TLS port");
        assertThrows(IOException.class, () -> post("https", TestCertificateAuthority.create("other").clientContext(null)),
                "a client that does not trust the certificate");
        assertEquals(202, post("https", ca.clientContext(null)).statusCode(), "the listener still serves TLS clients");
        assertEquals(4, logs.rows());
    }

    @Test
    void withAClientCaOnlyClientsWithItsCertificatesGetIn() throws Exception {
        TestCertificateAuthority clients = TestCertificateAuthority.create("clients CA");
        Path clientCa = clients.writeCertificate(dir.resolve("clients.crt"));
        start(serverFiles() + ", client_ca_file: '" + clientCa + "', min_version: 1.3}");

        assertThrows(IOException.class, () -> post("https", ca.clientContext(null)), "no client certificate");
        assertEquals(202, post("https", ca.clientContext(clients.issueClient("agent"))).statusCode());
        assertEquals(2, logs.rows());
    }

    @Test
    void aKeyFileGoneBetweenValidationAndStartIsNamedWhenStarting() throws Exception {
        OtlpReceiverFactory factory = new OtlpReceiverFactory();
        OtlpReceiverConfig config = ConfigBinding.bind(factory,
                "protocols: {http: {endpoint: '127.0.0.1:0', tls: " + serverFiles() + "}}}");
        Files.delete(dir.resolve("server.key"));
        Receiver unstarted = factory.create(TestReceiverContext.of("otlp", allocator, logs), config);
        IOException failure = assertThrows(IOException.class, () -> unstarted.start(null));
        assertEquals("receiver otlp cannot listen on 127.0.0.1:0: key_file " + dir.resolve("server.key")
                + ": no such file", failure.getMessage());
        unstarted.shutdown();
    }

    @Test
    void aTlsClientOnAPlaintextPortFailsAndThePortKeepsServingPlaintext() throws Exception {
        start("");
        assertThrows(IOException.class, () -> post("https", ca.clientContext(null)));
        assertEquals(202, post("http", null).statusCode());
        assertEquals(2, logs.rows());
    }
}
