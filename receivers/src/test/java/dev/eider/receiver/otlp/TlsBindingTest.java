package dev.eider.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import dev.eider.runtime.tls.TlsConfig;
import dev.eider.runtime.tls.TlsVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tls} block of the otlp receiver's listeners, bound as the collector binds it, with real files. */
class TlsBindingTest {
    private static final String PREFIX = "receivers::otlp::protocols::http::tls::";

    private final OtlpReceiverFactory factory = new OtlpReceiverFactory();
    private final TestCertificateAuthority ca = TestCertificateAuthority.create("binding CA");

    @TempDir
    Path dir;

    private Path cert;
    private Path key;

    @BeforeEach
    void writeFiles() throws Exception {
        cert = dir.resolve("server.crt");
        key = dir.resolve("server.key");
        ca.issueServer().write(cert, key);
    }

    private String http(String tls) {
        return "protocols: {http: {endpoint: '127.0.0.1:0', tls: " + tls + "}}";
    }

    private String files() {
        return "cert_file: '" + cert + "', key_file: '" + key + "'";
    }

    @Test
    void certAndKeyAloneGiveTls12WithoutClientCertificatesReloadedEveryMinute() {
        OtlpReceiverConfig config = ConfigBinding.bind(factory, http("{" + files() + "}"));
        assertEquals(Optional.of(new TlsConfig(cert, key, Optional.empty(), TlsVersion.TLS_1_2, Duration.ofMinutes(1))),
                config.http().orElseThrow().tls());
    }

    @Test
    void bindsEveryKeyOnBothProtocols() throws Exception {
        Path clientCa = TestCertificateAuthority.create("clients").writeCertificate(dir.resolve("clients.crt"));
        String tls = "{" + files() + ", client_ca_file: '" + clientCa + "', min_version: 1.3, reload_interval: 10s}";
        OtlpReceiverConfig config = ConfigBinding.bind(factory,
                "protocols: {http: {endpoint: '127.0.0.1:0', tls: " + tls + "}, grpc: {endpoint: '127.0.0.1:0', tls: " + tls + "}}");
        TlsConfig expected = new TlsConfig(cert, key, Optional.of(clientCa), TlsVersion.TLS_1_3, Duration.ofSeconds(10));
        assertEquals(Optional.of(expected), config.http().orElseThrow().tls());
        assertEquals(Optional.of(expected), config.grpc().orElseThrow().tls());
        assertEquals(Map.of("127.0.0.1:0", "grpc with " + expected.describe()), factory.sharedEndpoints(config));
    }

    @Test
    void certAndKeyAreRequired() {
        assertEquals(List.of(
                        PREFIX + "cert_file: is required when tls is set: the server certificate chain (PEM)",
                        PREFIX + "key_file: is required when tls is set: the private key of cert_file (PKCS#8 PEM)"),
                ConfigBinding.errors(factory, http("{}")));
        assertEquals(2, ConfigBinding.errors(factory, http("")).size(), "an empty tls: asks for TLS too");
    }

    @Test
    void badVersionAndIntervalAreNamed() {
        assertEquals(List.of(PREFIX + "min_version: must be 1.2 or 1.3, not '1.1'"),
                ConfigBinding.errors(factory, http("{" + files() + ", min_version: 1.1}")));
        assertEquals(1, ConfigBinding.errors(factory, http("{" + files() + ", reload_interval: soon}")).size());
    }

    @Test
    void aMissingFileIsNamedWithItsKey() {
        Path missing = dir.resolve("missing.crt");
        assertEquals(List.of(PREFIX + "cert_file: " + missing + ": no such file"),
                ConfigBinding.errors(factory, http("{cert_file: '" + missing + "', key_file: '" + key + "'}")));
        Path missingCa = dir.resolve("missing-ca.crt");
        assertEquals(List.of(PREFIX + "client_ca_file: " + missingCa + ": no such file"),
                ConfigBinding.errors(factory, http("{" + files() + ", client_ca_file: '" + missingCa + "'}")));
    }

    @Test
    void aKeyOfAnotherCertificateIsAMismatch() throws Exception {
        Files.writeString(key, ca.issueServer().keyPem());
        assertEquals(List.of(PREFIX + "key_file: " + key + ": the key does not belong to the first certificate of"
                        + " cert_file " + cert + " (CN=localhost)"),
                ConfigBinding.errors(factory, http("{" + files() + "}")));
    }

    @Test
    void keysThatAreNotPkcs8SayHowToConvertThem() throws Exception {
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        List<String> errors = ConfigBinding.errors(factory, http("{" + files() + "}"));
        assertEquals(List.of(PREFIX + "key_file: " + key + ": the key is in the RSA-specific format (RSA PRIVATE KEY);"
                + " eider reads PKCS#8 (PRIVATE KEY): convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY"
                + " -out KEY.pkcs8.pem"), errors);
        Files.writeString(key, "not a key");
        assertEquals(List.of(PREFIX + "key_file: " + key + ": not a PEM file (no -----BEGIN ...----- block)"),
                ConfigBinding.errors(factory, http("{" + files() + "}")));
    }

    @Test
    void aCertificateFileWithoutCertificatesIsNamed() throws Exception {
        Files.writeString(cert, Files.readString(key));
        assertEquals(List.of(PREFIX + "cert_file: " + cert + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it"),
                ConfigBinding.errors(factory, http("{" + files() + "}")));
    }

    @Test
    void unknownTlsKeysAreReported() {
        List<String> errors = ConfigBinding.errors(factory, http("{" + files() + ", ca_file: x}"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(PREFIX + "ca_file: unknown key"), errors.toString());
    }
}
