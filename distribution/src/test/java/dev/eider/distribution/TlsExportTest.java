package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.config.ConfigException;
import dev.eider.runtime.config.ConfigLoader;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import dev.eider.runtime.testkit.TestCertificateAuthority.Issued;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java SDK's OTLP/HTTP and OTLP/gRPC exporters send to a collector whose
 * listeners have a tls block: trusted clients land rows in DuckDB, clients the listener must
 * refuse get a failed export, and the collector goes on serving.
 */
class TlsExportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("collector CA");

    private String config(Path db, String tls) {
        return """
                receivers:
                  otlp:
                    protocols:
                      http: {endpoint: 'localhost:0', tls: %1$s}
                      grpc: {endpoint: 'localhost:0', tls: %1$s}
                processors:
                  batch: {seal_max_age: 200ms}
                exporters:
                  duckdb: {path: '%2$s'}
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [batch], exporters: [duckdb]}
                """.formatted(tls, db);
    }

    private String serverFiles(Issued server) throws Exception {
        server.write(dir.resolve("server.crt"), dir.resolve("server.key"));
        return "{cert_file: '" + dir.resolve("server.crt") + "', key_file: '" + dir.resolve("server.key") + "'";
    }

    @Test
    void trustedClientsLandRowsAndPlaintextClientsFail() throws Exception {
        Path db = dir.resolve("tls.duckdb");
        try (RunningCollector collector = RunningCollector.start(config(db, serverFiles(ca.issueServer()) + "}"))) {
            String https = "https://localhost:" + collector.port("otlp", "http") + "/v1/logs";
            String grpcs = "https://localhost:" + collector.port("otlp", "grpc");
            assertTrue(export(http(https).setTrustedCertificates(pem(ca.certificatePem())).build(), 2));
            assertTrue(export(grpc(grpcs).setTrustedCertificates(pem(ca.certificatePem())).build(), 3));

            assertFalse(export(http(https.replace("https:", "http:")).build(), 1), "plaintext HTTP to a TLS port");
            assertFalse(export(grpc(grpcs.replace("https:", "http:")).build(), 1), "plaintext gRPC to a TLS port");
            String stranger = TestCertificateAuthority.create("stranger").certificatePem();
            assertFalse(export(http(https).setTrustedCertificates(pem(stranger)).build(), 1), "a client not trusting the CA");

            assertTrue(export(http(https).setTrustedCertificates(pem(ca.certificatePem())).build(), 1),
                    "the collector still serves TLS clients");
            assertTrue(collector.stop().clean(), collector.stop().toString());
        }
        assertEquals(6, DuckDbRows.count(db, "otlp_logs"));
    }

    @Test
    void withAClientCaOnlyClientsPresentingItsCertificatesGetIn() throws Exception {
        TestCertificateAuthority clients = TestCertificateAuthority.create("clients CA");
        Path clientCa = clients.writeCertificate(dir.resolve("clients.crt"));
        Issued agent = clients.issueClient("agent");
        Path db = dir.resolve("mtls.duckdb");
        String tls = serverFiles(ca.issueServer()) + ", client_ca_file: '" + clientCa + "'}";
        try (RunningCollector collector = RunningCollector.start(config(db, tls))) {
            String https = "https://localhost:" + collector.port("otlp", "http") + "/v1/logs";
            String grpcs = "https://localhost:" + collector.port("otlp", "grpc");
            byte[] trusted = pem(ca.certificatePem());
            byte[] key = pem(agent.keyPem());
            byte[] certificate = pem(agent.certificatePem());

            assertFalse(export(http(https).setTrustedCertificates(trusted).build(), 1), "HTTP without a client certificate");
            assertFalse(export(grpc(grpcs).setTrustedCertificates(trusted).build(), 1), "gRPC without a client certificate");
            Issued intruder = TestCertificateAuthority.create("intruder CA").issueClient("intruder");
            assertFalse(export(http(https).setTrustedCertificates(trusted)
                    .setClientTls(pem(intruder.keyPem()), pem(intruder.certificatePem())).build(), 1),
                    "a client certificate of another CA");

            assertTrue(export(http(https).setTrustedCertificates(trusted).setClientTls(key, certificate).build(), 2));
            assertTrue(export(grpc(grpcs).setTrustedCertificates(trusted).setClientTls(key, certificate).build(), 2));
            assertTrue(collector.stop().clean(), collector.stop().toString());
        }
        assertEquals(4, DuckDbRows.count(db, "otlp_logs"));
    }

    @Test
    void newCertificateFilesAreServedToNewClientsAfterTheReloadInterval() throws Exception {
        Path db = dir.resolve("reload.duckdb");
        String tls = serverFiles(ca.issueServer()) + ", reload_interval: 200ms}";
        TestCertificateAuthority next = TestCertificateAuthority.create("next CA");
        try (RunningCollector collector = RunningCollector.start(config(db, tls))) {
            String grpcs = "https://localhost:" + collector.port("otlp", "grpc");
            assertTrue(export(grpc(grpcs).setTrustedCertificates(pem(ca.certificatePem())).build(), 1));

            next.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!export(grpc(grpcs).setTrustedCertificates(pem(next.certificatePem())).build(), 1)) {
                assertTrue(System.nanoTime() < deadline, "the new certificate was not served within 30s");
                Thread.sleep(100);
            }
            String https = "https://localhost:" + collector.port("otlp", "http") + "/v1/logs";
            assertTrue(export(http(https).setTrustedCertificates(pem(next.certificatePem())).build(), 1),
                    "the HTTP listener reloads too");
            assertTrue(collector.stop().clean(), collector.stop().toString());
        }
        assertEquals(3, DuckDbRows.count(db, "otlp_logs"));
    }

    @Test
    void anOtapReceiverSharingTheGrpcEndpointMustHaveTheSameTls() throws Exception {
        String yaml = """
                receivers:
                  otlp:
                    protocols:
                      grpc: {endpoint: 'localhost:14317', tls: %s}
                  otap: {endpoint: 'localhost:14317'}
                exporters:
                  duckdb: {path: '%s'}
                service:
                  pipelines:
                    logs: {receivers: [otlp, otap], exporters: [duckdb]}
                """.formatted(serverFiles(ca.issueServer()) + "}", dir.resolve("x.duckdb"));
        ConfigException refused = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                "test.yaml", yaml, ConfigSource.registry(DaggerStandardDistribution.create()), Map.<String, String>of()::get));
        String message = refused.getMessage();
        assertTrue(message.contains("receivers::otap: endpoint localhost:14317 is shared with receivers::otlp"
                + " (localhost:14317), but they must serve it the same way: receivers::otlp serves grpc with tls("),
                message);
        assertTrue(message.contains("this one grpc"), message);
    }

    /** Sends {@code records} log records through {@code exporter}, one request each; true when all were delivered. */
    private static boolean export(LogRecordExporter exporter, int records) {
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        try {
            Logger logger = provider.get("tls-test");
            for (int i = 0; i < records; i++) {
                logger.logRecordBuilder().setBody("record " + i).emit();
            }
            return provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    /** No retries: a refused client must fail at once, not after the SDK's backoff. */
    private static io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder http(String url) {
        return OtlpHttpLogRecordExporter.builder().setEndpoint(url).setTimeout(TIMEOUT).setRetryPolicy(null);
    }

    private static io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder grpc(String url) {
        return OtlpGrpcLogRecordExporter.builder().setEndpoint(url).setTimeout(TIMEOUT).setRetryPolicy(null);
    }

    private static byte[] pem(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
