package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.admin.AdminConfig;
import dev.eider.runtime.admin.AdminExtension;
import dev.eider.runtime.admin.AdminExtensionFactory;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.StubHost;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's admin commands against a real admin API that requires TLS and client certificates. */
class CollectorCliTlsTest {
    private static final String TOKEN = "cli-tls-token-0123456789";

    @TempDir
    Path dir;

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("admin CA");
    private final TestCertificateAuthority operators = TestCertificateAuthority.create("operators CA");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private AdminExtension admin;

    @BeforeEach
    void start() throws Exception {
        ca.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        ca.writeCertificate(dir.resolve("ca.crt"));
        operators.writeCertificate(dir.resolve("operators.crt"));
        operators.issueClient("operator").write(dir.resolve("operator.crt"), dir.resolve("operator.key"));
        AdminConfig config = ConfigBinding.bind(new AdminExtensionFactory(), "endpoint: 127.0.0.1:0\ntoken: " + TOKEN
                + "\ntls:\n  cert_file: " + dir.resolve("server.crt") + "\n  key_file: " + dir.resolve("server.key")
                + "\n  client_ca_file: " + dir.resolve("operators.crt") + "\n");
        admin = new AdminExtension(ComponentId.of("admin"), config);
        admin.start(new StubHost());
    }

    @AfterEach
    void stop() {
        admin.shutdown();
    }

    @Test
    void statusWithTheCaAndAClientCertificate() {
        assertEquals(0, run("status", "--admin", admin.uri().toString(), "--ca-file", file("ca.crt"),
                "--cert-file", file("operator.crt"), "--key-file", file("operator.key")), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"pipelines\""), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAClientCertificateTheAdminApiIsUnreachable() {
        assertEquals(4, run("status", "--admin", admin.uri().toString(), "--ca-file", file("ca.crt")), err());
        assertTrue(err().startsWith("error: "), err());
    }

    @Test
    void halfAClientCertificateOrTlsFilesWithoutAnAdminCommandAreUsageErrors() {
        assertEquals(2, run("status", "--admin", admin.uri().toString(), "--cert-file", file("operator.crt")), err());
        assertTrue(err().contains("--key-file"), err());
        assertEquals(2, run("validate", "--ca-file", file("ca.crt")), err());
        assertTrue(err().contains("only go with the admin commands"), err());
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        CollectorCli cli = new CollectorCli(DaggerStandardDistribution.create(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("EIDER_ADMIN_TOKEN", TOKEN)::get);
        return cli.run(args);
    }
}
