package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.StubHost;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flight SQL endpoint with Arrow's Flight SQL JDBC driver, over a real DuckDB file held open by a writer. */
class FlightSqlJdbcTest {
    private static final String TOKEN = AdminFixtures.TOKEN;

    @TempDir
    Path dir;

    private WriterDatabase db;
    private AdminExtension admin;
    private final StubHost host = new StubHost();

    @BeforeEach
    void start() throws Exception {
        db = new WriterDatabase(dir.resolve("eider.duckdb"));
        db.execute("CREATE TABLE logs(service VARCHAR, severity VARCHAR, n BIGINT, d DOUBLE, tags BIGINT[],"
                + " seen TIMESTAMP)");
        db.execute("INSERT INTO logs VALUES ('api', 'ERROR', 1, 1.5, [1, 2], TIMESTAMP '2024-05-01 12:00:00'),"
                + " ('db', NULL, 2, NULL, NULL, TIMESTAMP '2024-05-01 12:01:00'),"
                + " ('api', 'INFO', 3, -0.25, [], TIMESTAMP '2024-05-01 12:02:00')");
        host.queryTargets(Map.of("duckdb", db.target()));
        admin = startAdmin("query_max_rows: 5\nquery_timeout: 2s\nflight_sql:\n  endpoint: 127.0.0.1:0\n");
    }

    @AfterEach
    void stop() throws SQLException {
        admin.shutdown();
        db.close();
    }

    private AdminExtension startAdmin(String yaml) throws Exception {
        AdminConfig config = ConfigBinding.bind(new AdminExtensionFactory(),
                "endpoint: 127.0.0.1:0\ntoken: " + TOKEN + "\n" + yaml);
        AdminExtension started = new AdminExtension(ComponentId.of("admin"), config);
        started.start(host);
        return started;
    }


    private Connection connect(String properties) throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + admin.flightSqlUri().orElseThrow().getPort()
                + "?useEncryption=false" + properties);
    }

    private Connection connect() throws SQLException {
        return connect("&token=" + TOKEN);
    }

    /** Every row, columns joined by '|'; closes the result. */
    private static List<String> rows(ResultSet result) throws SQLException {
        try (result) {
            return firstColumns(result, result.getMetaData().getColumnCount());
        }
    }

    @Test
    void answersAQueryInDuckDbsArrowTypes() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT service, severity, n, d, seen FROM logs ORDER BY n")) {
            assertEquals("BIGINT", result.getMetaData().getColumnTypeName(3));
            assertEquals(List.of("api|ERROR|1|1.5|2024-05-01 12:00:00.0", "db|null|2|null|2024-05-01 12:01:00.0",
                    "api|INFO|3|-0.25|2024-05-01 12:02:00.0"), rows(result));
        }
    }

    @Test
    void browsesTheExportersTablesAndColumns() throws Exception {
        try (Connection connection = connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            assertEquals(List.of("duckdb"), rows(meta.getCatalogs()));
            assertEquals(List.of("main|duckdb"), rows(meta.getSchemas()));
            assertEquals(List.of("duckdb|main|logs|TABLE"), firstColumns(meta.getTables(null, null, "%", null), 4));
            assertEquals(List.of("service", "severity", "n", "d", "tags", "seen"),
                    firstColumns(meta.getColumns("duckdb", "main", "logs", null), 4).stream()
                            .map(row -> row.substring(row.lastIndexOf('|') + 1)).toList());
            assertEquals(List.of(), rows(meta.getTables(null, null, "nothing%", null)));
            assertTrue(meta.isReadOnly());
            assertEquals("Eider", meta.getDatabaseProductName());
            assertEquals("exporter", meta.getCatalogTerm());
        }
    }

    /** Every row's first {@code count} columns joined by '|'; closes the result. */
    private static List<String> firstColumns(ResultSet result, int count) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (result) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= count; i++) {
                    row.append(i == 1 ? "" : "|").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void preparedStatementsTakeParameters() throws Exception {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT n, service FROM logs WHERE service = ? AND n > ? AND seen < ? ORDER BY n")) {
            statement.setString(1, "api");
            statement.setLong(2, 1);
            statement.setTimestamp(3, java.sql.Timestamp.valueOf("2030-01-01 00:00:00"));
            try (ResultSet result = statement.executeQuery()) {
                assertEquals(List.of("3|api"), rows(result));
            }
            statement.setString(1, "db");
            statement.setLong(2, 0);
            try (ResultSet result = statement.executeQuery()) {
                assertEquals(List.of("2|db"), rows(result));
            }
        }
    }

    @Test
    void aWrongOrMissingTokenIsUnauthenticatedBeforeTheStatementIsRead() throws Exception {
        for (String properties : List.of("&token=wrong-token-0123456789", "")) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Connection connection = connect(properties); Statement statement = connection.createStatement()) {
                    statement.executeQuery("this is not SQL at all");
                }
            });
            assertTrue(causes(refused).contains("UNAUTHENTICATED"), causes(refused));
            assertFalse(causes(refused).contains("syntax"), causes(refused));
        }
    }

    @Test
    void writesAreRefusedAndChangeNothing() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : List.of("INSERT INTO logs VALUES ('x', 'x', 9, 0, NULL, NULL)", "DELETE FROM logs",
                    "CREATE TABLE stolen AS SELECT * FROM logs", "SELECT * FROM read_csv('/etc/passwd')")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
                assertTrue(causes(refused).contains("not_read_only"), sql + ": " + causes(refused));
            }
        }
        assertEquals(3, db.count("SELECT count(*) FROM logs"));
    }

    @Test
    void aResultPastTheRowLimitEndsInAnErrorAfterTheRowsSent() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT range AS i FROM range(1000000000)")) {
            List<Long> seen = new ArrayList<>();
            // The driver raises the stream's error as it is (a FlightRuntimeException) from next().
            Exception cut = assertThrows(Exception.class, () -> {
                while (result.next()) {
                    seen.add(result.getLong(1));
                }
            });
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seen);
            assertTrue(causes(cut).contains("query_max_rows"), causes(cut));
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT range AS i FROM range(5)")) {
            assertEquals(5, rows(result).size());
        }
    }

    @Test
    void aQueryPastTheTimeLimitIsCancelled() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            SQLException late = assertThrows(SQLException.class, () -> rows(statement.executeQuery(
                    "SELECT count(*) FROM range(1000000000) a, range(1000000000) b")));
            assertTrue(causes(late).contains("query_timeout"), causes(late));
            assertEquals(List.of("1"), rows(statement.executeQuery("SELECT 1")));
        }
    }

    @Test
    void eachExporterIsACatalogAndTheCatalogPropertyPicksOne() throws Exception {
        try (DuckDBConnection archive = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = archive.createStatement()) {
                statement.execute("CREATE TABLE archived AS SELECT 42 AS answer");
            }
            host.queryTargets(Map.of("duckdb", db.target(), "duckdb/archive", () -> archive.duplicate()));
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                assertEquals(List.of("duckdb", "duckdb/archive"), rows(connection.getMetaData().getCatalogs()));
                assertEquals(List.of("duckdb/archive|main|archived|TABLE"),
                        firstColumns(connection.getMetaData().getTables("duckdb/archive", null, null, null), 4));
                SQLException unchosen = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT 1"));
                assertTrue(causes(unchosen).contains("several exporters answer queries; choose one with the catalog"),
                        causes(unchosen));
            }
            String url = "jdbc:arrow-flight-sql://127.0.0.1:" + admin.flightSqlUri().orElseThrow().getPort()
                    + "?useEncryption=false&token=" + TOKEN;
            // A property the driver does not know goes out as a call header: exporter, as ?exporter= of /v1/query.
            try (Connection connection = DriverManager.getConnection(url + "&exporter=duckdb/archive");
                    Statement statement = connection.createStatement()) {
                assertEquals(List.of("42"), rows(statement.executeQuery("SELECT answer FROM archived")));
            }
            Properties session = new Properties();
            session.setProperty("catalog", "duckdb/archive");
            Connection connection = DriverManager.getConnection(url, session);
            try (Statement statement = connection.createStatement()) {
                assertEquals(List.of("42"), rows(statement.executeQuery("SELECT answer FROM archived")));
            } finally {
                closeSessionConnection(connection);
            }
            session.setProperty("catalog", "nope");
            SQLException unknown = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, session));
            assertTrue(causes(unknown).contains("Cannot set session option for catalog") && causes(unknown).contains("nope"),
                    causes(unknown));
        }
    }

    /**
     * The 18.3 driver closes a connection with a catalog twice, the second time ending a session
     * on a channel already shut ("Channel shutdown invoked"); the first close ended it.
     */
    private static void closeSessionConnection(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            assertTrue(e.getMessage().contains("Channel shutdown invoked"), e.getMessage());
        }
    }

    @Test
    void aDedicatedTokenReplacesTheAdminToken() throws Exception {
        AdminExtension own = startAdmin("flight_sql:\n  endpoint: 127.0.0.1:0\n  token: flight-only-token-0123456789\n");
        try {
            String url = "jdbc:arrow-flight-sql://127.0.0.1:" + own.flightSqlUri().orElseThrow().getPort()
                    + "?useEncryption=false&token=";
            try (Connection connection = DriverManager.getConnection(url + "flight-only-token-0123456789");
                    Statement statement = connection.createStatement()) {
                assertEquals(List.of("3"), rows(statement.executeQuery("SELECT count(*) FROM logs")));
            }
            SQLException admin = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + TOKEN));
            assertTrue(causes(admin).contains("UNAUTHENTICATED: invalid Flight SQL token"), causes(admin));
        } finally {
            own.shutdown();
        }
    }

    @Test
    void aClientThatCancelsStopsItsQuery() throws Exception {
        AdminExtension patient = startAdmin("query_timeout: 60s\nflight_sql:\n  endpoint: 127.0.0.1:0\n");
        try {
            String url = "jdbc:arrow-flight-sql://127.0.0.1:" + patient.flightSqlUri().orElseThrow().getPort()
                    + "?useEncryption=false&token=" + TOKEN;
            Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread client = new Thread(() -> {
                try {
                    rows(statement.executeQuery("SELECT count(*) FROM range(1000000000) a, range(1000000000) b"));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            client.start();
            Thread.sleep(1500);
            long cancelledAt = System.nanoTime();
            statement.cancel();
            client.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(client.isAlive(), "the cancelled query still runs");
            connection.close();
            while (patient.queriesCancelledForGoneClients() == 0
                    && System.nanoTime() - cancelledAt < TimeUnit.SECONDS.toNanos(20)) {
                Thread.sleep(20);
            }
            assertEquals(1, patient.queriesCancelledForGoneClients(), "the server cancelled the query");
            assertTrue(System.nanoTime() - cancelledAt < TimeUnit.SECONDS.toNanos(20));
        } finally {
            patient.shutdown();
        }
    }

    static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            all.append(cause).append(" / ");
        }
        return all.toString();
    }
}
