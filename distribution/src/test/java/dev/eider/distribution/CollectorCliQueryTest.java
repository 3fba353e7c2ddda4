package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.admin.AdminConfig;
import dev.eider.runtime.admin.AdminExtension;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.StubHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code query} against a real admin API answering from a real DuckDB database. */
class CollectorCliQueryTest {
    private static final String TOKEN = "cli-query-token-0123456789";
    private static final String SQL = "SELECT * FROM (VALUES ('api', 12, 1.5::DOUBLE, NULL),"
            + " ('checkout', 7, NULL, 'x')) t(service, n, d, note) ORDER BY n DESC";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DuckDBConnection database;
    private AdminExtension admin;

    @BeforeEach
    void start() throws Exception {
        database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = database.createStatement()) {
            statement.execute("CREATE TABLE otlp_logs AS SELECT 'svc-' || (range % 2) AS service_name FROM range(5)");
        }
        QueryTarget target = () -> database.duplicate();
        admin = new AdminExtension(ComponentId.of("admin"), new AdminConfig(new Endpoint("127.0.0.1", 0), TOKEN));
        admin.start(new StubHost().queryTargets(Map.of("duckdb", target)));
    }

    @AfterEach
    void stop() throws Exception {
        admin.shutdown();
        database.close();
    }

    private int run(String... args) {
        CollectorCli cli = new CollectorCli(DaggerStandardDistribution.create(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("EIDER_ADMIN_TOKEN", TOKEN)::get);
        return cli.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsAnAlignedTableByDefault() {
        assertEquals(0, run("query", SQL, "--admin", admin.uri().toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals("""
                service  |  n |    d | note
                ---------+----+------+-----
                api      | 12 |  1.5 | NULL
                checkout |  7 | NULL | x
                (2 rows)
                """, out());
    }

    @Test
    void saysWhenTheRowLimitCutTheAnswer() {
        assertEquals(0, run("query", "SELECT range AS i FROM range(10001)", "--admin", admin.uri().toString()));
        assertTrue(out().endsWith("\n(10000 rows, cut off at the collector's row limit (query_max_rows))\n"),
                out().substring(out().length() - 100));
    }

    @Test
    void printsTheApiBodyAsCsvOrJson() {
        assertEquals(0, run("query", "SELECT service_name, count(*) AS n FROM otlp_logs GROUP BY ALL ORDER BY 1",
                "--format", "csv", "--token", TOKEN, "--admin", admin.uri().toString()));
        assertEquals("service_name,n\r\nsvc-0,3\r\nsvc-1,2\r\n", out());
        out.reset();
        assertEquals(0, run("query", "SELECT 1 AS one", "--format=json", "--exporter", "duckdb",
                "--admin", admin.uri().toString()));
        assertEquals("{\"columns\":[{\"name\":\"one\",\"type\":\"INTEGER\"}],\"rows\":[[1]],\"row_count\":1,"
                + "\"truncated\":false}\n", out());
    }

    @Test
    void aRefusedQueryIsAnAdminError() {
        assertEquals(4, run("query", "DELETE FROM otlp_logs", "--admin", admin.uri().toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("{\"error\":\"not_read_only\""), err.toString());
        assertEquals("", out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("query"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("query needs exactly one SQL statement"));
        assertEquals(2, run("query", "SELECT 1", "--format", "xml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format must be one of table, csv, json, not 'xml'"));
        assertEquals(2, run("status", "--exporter", "duckdb"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--exporter only goes with query"));
    }
}
