package dev.eider.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.testkit.TestCertificateAuthority;
import dev.eider.runtime.testkit.TestCertificateAuthority.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServerTls in front of a real Netty server, with real JDK TLS clients. */
class ServerTlsTest {
    private static final Duration NEVER = Duration.ZERO;

    @TempDir
    Path dir;

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("test CA");

    @Test
    void aClientTrustingTheCaTalksOverTls() throws Exception {
        TlsConfig config = serverFiles(ca.issueServer(), Optional.empty(), TlsVersion.TLS_1_2, NEVER);
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls);
             SSLSocket socket = connect(ca.clientContext(null), server.port())) {
            assertEquals("hello", echo(socket, "hello"));
            assertEquals("CN=localhost", socket.getSession().getPeerPrincipal().getName());
        }
    }

    @Test
    void rsaKeysWorkToo() throws Exception {
        TestCertificateAuthority rsa = TestCertificateAuthority.rsa("RSA CA");
        TlsConfig config = serverFiles(rsa.issueServer(), Optional.empty(), TlsVersion.TLS_1_2, NEVER);
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls);
             SSLSocket socket = connect(rsa.clientContext(null), server.port())) {
            assertEquals("rsa", echo(socket, "rsa"));
        }
    }

    @Test
    void withAClientCaOnlyClientsWithACertificateOfThatCaGetIn() throws Exception {
        TestCertificateAuthority clients = TestCertificateAuthority.create("client CA");
        TestCertificateAuthority stranger = TestCertificateAuthority.create("stranger CA");
        TlsConfig config = serverFiles(ca.issueServer(), Optional.of(clients), TlsVersion.TLS_1_2, NEVER);
        assertTrue(config.requiresClientCertificate());
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls)) {
            try (SSLSocket socket = connect(trustingServerWithIdentity(clients.issueClient("agent")), server.port())) {
                assertEquals("mutual", echo(socket, "mutual"));
            }
            assertRefused(ca.clientContext(null), server.port());
            assertRefused(trustingServerWithIdentity(stranger.issueClient("intruder")), server.port());
        }
    }

    @Test
    void minVersion13RefusesTls12Clients() throws Exception {
        TlsConfig config = serverFiles(ca.issueServer(), Optional.empty(), TlsVersion.TLS_1_3, NEVER);
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls)) {
            try (SSLSocket socket = connect(ca.clientContext(null), server.port())) {
                assertEquals("TLSv1.3", socket.getSession().getProtocol());
            }
            SSLSocket old = (SSLSocket) ca.clientContext(null).getSocketFactory().createSocket("127.0.0.1", server.port());
            try (old) {
                old.setEnabledProtocols(new String[] {"TLSv1.2"});
                old.setSoTimeout(10_000);
                assertThrows(IOException.class, old::startHandshake);
            }
        }
    }

    @Test
    void aPlaintextClientIsDisconnectedAndTheNextTlsClientIsServed() throws Exception {
        TlsConfig config = serverFiles(ca.issueServer(), Optional.empty(), TlsVersion.TLS_1_2, NEVER);
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls)) {
            try (Socket plain = new Socket("127.0.0.1", server.port())) {
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write("POST /v1/logs HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = plain.getInputStream();
                assertClosedByServer(in);
            }
            try (SSLSocket socket = connect(ca.clientContext(null), server.port())) {
                assertEquals("after", echo(socket, "after"));
            }
        }
    }

    @Test
    void reloadTakesNewFilesForNewConnectionsAndOpenOnesKeepWorking() throws Exception {
        TlsConfig config = serverFiles(ca.issueServer(), Optional.empty(), TlsVersion.TLS_1_2, NEVER);
        TestCertificateAuthority next = TestCertificateAuthority.create("next CA");
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls);
             SSLSocket open = connect(ca.clientContext(null), server.port())) {
            assertEquals("before", echo(open, "before"));
            assertFalse(tls.reload(), "unchanged files are not reloaded");

            next.issueServer().write(config.certFile(), config.keyFile());
            assertTrue(tls.reload());

            try (SSLSocket renewed = connect(next.clientContext(null), server.port())) {
                assertEquals("renewed", echo(renewed, "renewed"));
            }
            assertRefused(ca.clientContext(null), server.port());
            assertEquals("still open", echo(open, "still open"));
        }
    }

    @Test
    void aBadReloadKeepsTheCertificateLoadedBefore() throws Exception {
        TlsConfig config = serverFiles(ca.issueServer(), Optional.empty(), TlsVersion.TLS_1_2, NEVER);
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls)) {
            TestCertificateAuthority next = TestCertificateAuthority.create("next CA");
            Issued renewed = next.issueServer();
            // a half-written key
            Files.writeString(config.certFile(), renewed.certificatePem());
            Files.writeString(config.keyFile(), renewed.keyPem().substring(0, 60));
            assertFalse(tls.reload());
            // a whole key of another certificate
            Files.writeString(config.keyFile(), next.issueServer().keyPem());
            assertFalse(tls.reload());
            Files.delete(config.keyFile());
            assertFalse(tls.reload());
            try (SSLSocket socket = connect(ca.clientContext(null), server.port())) {
                assertEquals("old", echo(socket, "old"));
            }
            // the files become whole: the next check takes them
            Files.writeString(config.keyFile(), renewed.keyPem());
            assertTrue(tls.reload());
            try (SSLSocket socket = connect(next.clientContext(null), server.port())) {
                assertEquals("new", echo(socket, "new"));
            }
        }
    }

    @Test
    void theReloadIntervalChecksTheFilesByItself() throws Exception {
        TlsConfig config = serverFiles(ca.issueServer(), Optional.empty(), TlsVersion.TLS_1_2, Duration.ofMillis(50));
        TestCertificateAuthority next = TestCertificateAuthority.create("next CA");
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls)) {
            next.issueServer().write(config.certFile(), config.keyFile());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try (SSLSocket socket = connect(next.clientContext(null), server.port())) {
                    assertEquals("reloaded", echo(socket, "reloaded"));
                    break;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the new certificate was not taken within 20s", notYet);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    @Test
    void aNewClientCaFileIsTakenOnReload() throws Exception {
        TestCertificateAuthority clients = TestCertificateAuthority.create("client CA");
        TestCertificateAuthority newClients = TestCertificateAuthority.create("new client CA");
        TlsConfig config = serverFiles(ca.issueServer(), Optional.of(clients), TlsVersion.TLS_1_2, NEVER);
        try (ServerTls tls = ServerTls.start("test", config); TlsEchoServer server = new TlsEchoServer(tls)) {
            SSLContext newAgent = trustingServerWithIdentity(newClients.issueClient("new agent"));
            assertRefused(newAgent, server.port());
            newClients.writeCertificate(config.clientCaFile().orElseThrow());
            assertTrue(tls.reload());
            try (SSLSocket socket = connect(newAgent, server.port())) {
                assertEquals("admitted", echo(socket, "admitted"));
            }
        }
    }

    private TlsConfig serverFiles(Issued server, Optional<TestCertificateAuthority> clientCa, TlsVersion version,
            Duration reload) throws IOException {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        server.write(cert, key);
        Optional<Path> caFile = Optional.empty();
        if (clientCa.isPresent()) {
            caFile = Optional.of(clientCa.get().writeCertificate(dir.resolve("clients-ca.crt")));
        }
        return new TlsConfig(cert, key, caFile, version, reload);
    }

    /** Trusts the server's CA and presents {@code identity}. */
    private SSLContext trustingServerWithIdentity(Issued identity) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("me", identity.key(), "x".toCharArray(), identity.chain());
        keys.init(store, "x".toCharArray());
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        javax.net.ssl.TrustManagerFactory trustManagers = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        context.init(keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static SSLSocket connect(SSLContext context, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** A refused client fails in the handshake, or, under TLS 1.3, on its first read. */
    private static void assertRefused(SSLContext context, int port) {
        assertThrows(IOException.class, () -> {
            try (SSLSocket socket = connect(context, port)) {
                echo(socket, "let me in");
            }
        });
    }

    private static String echo(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        byte[] answer = new byte[text.length()];
        int read = 0;
        InputStream in = socket.getInputStream();
        while (read < answer.length) {
            int n = in.read(answer, read, answer.length - read);
            if (n < 0) {
                throw new IOException("closed by the server after " + read + " bytes");
            }
            read += n;
        }
        return new String(answer, StandardCharsets.UTF_8);
    }

    /** The server answers nothing but perhaps a TLS alert, then closes: end of stream, or a reset. */
    private static void assertClosedByServer(InputStream in) {
        try {
            while (in.read() >= 0) {
                // a TLS alert may come first
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server kept the plaintext connection open", e);
        } catch (IOException reset) {
            // a reset is a close too
        }
    }
}
