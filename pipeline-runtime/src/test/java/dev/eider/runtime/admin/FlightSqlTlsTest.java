package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.StubHost;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flight SQL endpoint over TLS and mutual TLS, with the admin API's settings or its own, and
 * the certificate reload every listener has; the client is Arrow's Flight SQL JDBC driver.
 */
class FlightSqlTlsTest {
    @TempDir
    Path dir;

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("flight CA");
    private final TestCertificateAuthority operators = TestCertificateAuthority.create("operators CA");
    private AdminExtension admin;

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.shutdown();
        }
    }

    @Test
    void takesTheAdminApisTlsAndRefusesPlaintextClients() throws Exception {
        ca.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        start("tls:\n  cert_file: " + dir.resolve("server.crt") + "\n  key_file: " + dir.resolve("server.key")
                + "\nflight_sql:\n  endpoint: 127.0.0.1:0\n");
        assertTrue(admin.flightSqlUri().orElseThrow().toString().startsWith("grpc+tls://"));
        Path caFile = ca.writeCertificate(dir.resolve("ca.crt"));
        assertEquals(7, answer("&useEncryption=true&tlsRootCerts=" + caFile));

        SQLException plaintext = assertThrows(SQLException.class, () -> answer("&useEncryption=false"));
        assertTrue(FlightSqlJdbcTest.causes(plaintext).contains("UNAVAILABLE"), FlightSqlJdbcTest.causes(plaintext));
        Path otherCa = operators.writeCertificate(dir.resolve("other.crt"));
        assertThrows(SQLException.class, () -> answer("&useEncryption=true&tlsRootCerts=" + otherCa));
        assertEquals(7, answer("&useEncryption=true&tlsRootCerts=" + caFile), "refused clients leave it serving");
    }

    @Test
    void withItsOwnClientCaOnlyClientsWithACertificateGetIn() throws Exception {
        ca.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        Path operatorsCa = operators.writeCertificate(dir.resolve("operators.crt"));
        operators.issueClient("analyst").write(dir.resolve("analyst.crt"), dir.resolve("analyst.key"));
        ca.issueClient("stranger").write(dir.resolve("stranger.crt"), dir.resolve("stranger.key"));
        start("flight_sql:\n  endpoint: 127.0.0.1:0\n  tls:\n    cert_file: " + dir.resolve("server.crt")
                + "\n    key_file: " + dir.resolve("server.key") + "\n    client_ca_file: " + operatorsCa + "\n");
        assertTrue(admin.uri().toString().startsWith("http://"), "the admin API keeps its own (plaintext) settings");
        String trust = "&useEncryption=true&tlsRootCerts=" + ca.writeCertificate(dir.resolve("ca.crt"));

        assertEquals(7, answer(trust + "&clientCertificate=" + dir.resolve("analyst.crt")
                + "&clientKey=" + dir.resolve("analyst.key")));
        assertThrows(SQLException.class, () -> answer(trust));
        assertThrows(SQLException.class, () -> answer(trust + "&clientCertificate=" + dir.resolve("stranger.crt")
                + "&clientKey=" + dir.resolve("stranger.key")));
    }

    @Test
    void newConnectionsGetTheCertificateLoadedLast() throws Exception {
        ca.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        start("flight_sql:\n  endpoint: 127.0.0.1:0\n  tls:\n    cert_file: " + dir.resolve("server.crt")
                + "\n    key_file: " + dir.resolve("server.key") + "\n    reload_interval: 100ms\n");
        String trustOld = "&useEncryption=true&tlsRootCerts=" + ca.writeCertificate(dir.resolve("ca.crt"));
        String trustNew = "&useEncryption=true&tlsRootCerts=" + operators.writeCertificate(dir.resolve("new-ca.crt"));
        assertEquals(7, answer(trustOld));

        operators.issueServer().write(dir.resolve("server.crt"), dir.resolve("server.key"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                assertEquals(7, answer(trustNew));
                break;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
        assertThrows(SQLException.class, () -> answer(trustOld));
    }

    private void start(String yaml) throws Exception {
        AdminConfig config = ConfigBinding.bind(new AdminExtensionFactory(),
                "endpoint: 127.0.0.1:0\ntoken: " + AdminFixtures.TOKEN + "\n" + yaml);
        admin = new AdminExtension(ComponentId.of("admin"), config);
        QueryTarget memory = () -> DriverManager.getConnection("jdbc:duckdb:");
        admin.start(new StubHost().queryTargets(Map.of("duckdb", memory)));
    }

    private long answer(String properties) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:arrow-flight-sql://localhost:"
                        + admin.flightSqlUri().orElseThrow().getPort() + "?token=" + AdminFixtures.TOKEN + properties);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 3 + 4")) {
            result.next();
            return result.getLong(1);
        }
    }
}
