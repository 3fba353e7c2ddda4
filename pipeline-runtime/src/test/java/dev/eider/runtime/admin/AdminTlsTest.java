package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.StubHost;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import dev.eider.runtime.tls.ClientTls;
import dev.eider.runtime.tls.InvalidTlsFileException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over TLS and mutual TLS, with the admin client a CLI command uses. */
class AdminTlsTest {
    @TempDir
    Path dir;

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("admin CA");
    private final TestCertificateAuthority operators = TestCertificateAuthority.create("operators CA");
    private AdminExtension admin;

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.shutdown();
        }
    }

    @Test
    void answersOverHttpsToAClientTrustingItsCaAndNotToPlainHttp() throws Exception {
        start("");
        assertTrue(admin.uri().toString().startsWith("https://"), admin.uri().toString());
        AdminClient trusting = new AdminClient(admin.uri(), AdminFixtures.TOKEN, Optional.of(
                ClientTls.context(Optional.of(ca.writeCertificate(dir.resolve("ca.crt"))), Optional.empty(),
                        Optional.empty())));
        assertEquals(200, trusting.status().status());

        URI plain = URI.create(admin.uri().toString().replace("https://", "http://"));
        assertThrows(IOException.class, () -> new AdminClient(plain, AdminFixtures.TOKEN).status());
        // The JDK's own CAs do not include the test CA.
        assertThrows(IOException.class, () -> new AdminClient(admin.uri(), AdminFixtures.TOKEN).status());
        assertEquals(200, trusting.status().status(), "refused clients leave the listener serving");
    }

    @Test
    void withAClientCaOnlyOperatorsWithACertificateGetIn() throws Exception {
        Path operatorsCa = operators.writeCertificate(dir.resolve("operators.crt"));
        start("  client_ca_file: " + operatorsCa + "\n");
        Path caFile = ca.writeCertificate(dir.resolve("ca.crt"));
        TestCertificateAuthority.Issued operator = operators.issueClient("operator");
        operator.write(dir.resolve("operator.crt"), dir.resolve("operator.key"));
        TestCertificateAuthority.Issued stranger = ca.issueClient("stranger");
        stranger.write(dir.resolve("stranger.crt"), dir.resolve("stranger.key"));

        AdminClient withCertificate = new AdminClient(admin.uri(), AdminFixtures.TOKEN, Optional.of(ClientTls.context(
                Optional.of(caFile), Optional.of(dir.resolve("operator.crt")), Optional.of(dir.resolve("operator.key")))));
        assertEquals(200, withCertificate.status().status());

        AdminClient without = new AdminClient(admin.uri(), AdminFixtures.TOKEN,
                Optional.of(ClientTls.context(Optional.of(caFile), Optional.empty(), Optional.empty())));
        assertThrows(IOException.class, without::status);
        AdminClient foreign = new AdminClient(admin.uri(), AdminFixtures.TOKEN, Optional.of(ClientTls.context(
                Optional.of(caFile), Optional.of(dir.resolve("stranger.crt")), Optional.of(dir.resolve("stranger.key")))));
        assertThrows(IOException.class, foreign::status);
    }

    @Test
    void aClientCertificateNeedsBothFilesAndAMissingFileIsNamed() {
        InvalidTlsFileException half = assertThrows(InvalidTlsFileException.class,
                () -> ClientTls.context(Optional.empty(), Optional.of(dir.resolve("c.crt")), Optional.empty()));
        assertEquals("--cert-file", half.key());
        InvalidTlsFileException missing = assertThrows(InvalidTlsFileException.class,
                () -> ClientTls.context(Optional.of(dir.resolve("nope.crt")), Optional.empty(), Optional.empty()));
        assertTrue(missing.getMessage().contains("--ca-file") && missing.getMessage().contains("nope.crt"),
                missing.getMessage());
    }

    @Test
    void aBadTlsBlockIsAConfigErrorNamingTheKey() {
        List<String> errors = ConfigBinding.errors(new AdminExtensionFactory(),
                "{tls: {cert_file: " + dir.resolve("absent.crt") + ", key_file: " + dir.resolve("absent.key") + "}}");
        assertTrue(errors.stream().anyMatch(e -> e.contains("cert_file") && e.contains("absent.crt")), errors.toString());
    }

    /** {@code extraTls}: more lines of the tls block, indented by two spaces. */
    private void start(String extraTls) throws Exception {
        ca.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        AdminConfig config = ConfigBinding.bind(new AdminExtensionFactory(), "endpoint: 127.0.0.1:0\ntoken: "
                + AdminFixtures.TOKEN + "\ntls:\n  cert_file: " + dir.resolve("server.crt") + "\n  key_file: "
                + dir.resolve("server.key") + "\n" + extraTls);
        admin = new AdminExtension(ComponentId.of("admin"), config);
        admin.start(new StubHost().receivers(List.of(AdminFixtures.HTTP_LISTENER)));
    }
}
