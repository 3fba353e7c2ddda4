package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.StubHost;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/query against a real DuckDB file held open by a writer connection, as the exporter holds it. */
class AdminQueryTest {
    private static final String TOKEN = AdminFixtures.TOKEN;

    @TempDir
    Path dir;

    private WriterDatabase db;
    private AdminExtension admin;
    private final HttpClient http = HttpClient.newHttpClient();
    private final StubHost host = new StubHost();

    @BeforeEach
    void start() throws Exception {
        db = new WriterDatabase(dir.resolve("eider.duckdb"));
        db.execute("CREATE TABLE logs(service VARCHAR, severity VARCHAR, n BIGINT, d DOUBLE, tags BIGINT[])");
        db.execute("INSERT INTO logs VALUES ('api', 'ERROR', 1, 1.5, [1, 2]), ('db', NULL, 2, NULL, NULL),"
                + " ('api', 'INFO', 3, -0.25, [])");
        db.execute("CREATE SEQUENCE ids");
        host.queryTargets(Map.of("duckdb", db.target()));
        admin = startAdmin(new AdminConfig(new Endpoint("127.0.0.1", 0), TOKEN, 5, Duration.ofSeconds(1), Optional.empty(),
                Optional.empty()));
    }

    @AfterEach
    void stop() throws SQLException {
        admin.shutdown();
        db.close();
    }

    private AdminExtension startAdmin(AdminConfig config) throws Exception {
        AdminExtension started = new AdminExtension(ComponentId.of("admin"), config);
        started.start(host);
        return started;
    }



    private HttpResponse<byte[]> post(String pathAndQuery, String contentType, String accept, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin.uri() + pathAndQuery))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> query(String sql) throws Exception {
        return post("/v1/query", "text/plain", null, sql);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void answersJsonRowsWithColumnTypes() throws Exception {
        HttpResponse<byte[]> response = query("SELECT service, severity, n, d, tags FROM logs ORDER BY n");
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"columns\":[{\"name\":\"service\",\"type\":\"VARCHAR\"},{\"name\":\"severity\",\"type\":\"VARCHAR\"},"
                + "{\"name\":\"n\",\"type\":\"BIGINT\"},{\"name\":\"d\",\"type\":\"DOUBLE\"},"
                + "{\"name\":\"tags\",\"type\":\"BIGINT[]\"}],"
                + "\"rows\":[[\"api\",\"ERROR\",1,1.5,[1,2]],[\"db\",null,2,null,null],[\"api\",\"INFO\",3,-0.25,[]]],"
                + "\"row_count\":3,\"truncated\":false}", text(response));
        assertEquals("duckdb", response.headers().firstValue("Eider-Query-Exporter").orElseThrow());
    }

    @Test
    void answersOtherTypesAsJsonNumbersOrDuckDbText() throws Exception {
        HttpResponse<byte[]> response = query("SELECT sum(n) AS total, 12.50::DECIMAL(5,2) AS price,"
                + " TIMESTAMP '2024-05-01 12:30:00.123456' AS at, DATE '2024-05-01' AS day, {'a': 1, 'b': 'x'} AS s,"
                + " MAP {'k': 2} AS m, 'nan'::DOUBLE AS nan, true AS yes, ['a', NULL] AS texts FROM logs");
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("{\"columns\":[{\"name\":\"total\",\"type\":\"HUGEINT\"},{\"name\":\"price\",\"type\":\"DECIMAL(5,2)\"},"
                + "{\"name\":\"at\",\"type\":\"TIMESTAMP\"},{\"name\":\"day\",\"type\":\"DATE\"},"
                + "{\"name\":\"s\",\"type\":\"STRUCT(a INTEGER, b VARCHAR)\"},{\"name\":\"m\",\"type\":\"MAP(VARCHAR, INTEGER)\"},"
                + "{\"name\":\"nan\",\"type\":\"DOUBLE\"},{\"name\":\"yes\",\"type\":\"BOOLEAN\"},"
                + "{\"name\":\"texts\",\"type\":\"VARCHAR[]\"}],"
                + "\"rows\":[[6,12.50,\"2024-05-01 12:30:00.123456\",\"2024-05-01\",\"{'a': 1, 'b': x}\",\"{k=2}\","
                + "\"nan\",true,[\"a\",null]]],\"row_count\":1,\"truncated\":false}", text(response));
    }

    @Test
    void takesTheStatementAsJsonToo() throws Exception {
        HttpResponse<byte[]> response = post("/v1/query", "application/json", "application/json",
                "{\"sql\": \"SELECT count(*) AS n FROM logs WHERE service = 'api'\"}");
        assertEquals("{\"columns\":[{\"name\":\"n\",\"type\":\"BIGINT\"}],\"rows\":[[2]],\"row_count\":1,"
                + "\"truncated\":false}", text(response));
        HttpResponse<byte[]> wrong = post("/v1/query", "application/json", null, "{\"query\": \"SELECT 1\"}");
        assertEquals(400, wrong.statusCode());
        assertTrue(text(wrong).contains("{\\\"sql\\\": \\\"<one SQL statement>\\\"}"), text(wrong));
    }

    @Test
    void answersCsv() throws Exception {
        HttpResponse<byte[]> response = post("/v1/query", "text/plain", "text/csv",
                "SELECT service, severity, n, 'a,\"b\"' AS quoted, tags FROM logs ORDER BY n");
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("text/csv; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("service,severity,n,quoted,tags\r\n"
                + "api,ERROR,1,\"a,\"\"b\"\"\",\"[1, 2]\"\r\n"
                + "db,,2,\"a,\"\"b\"\"\",\r\n"
                + "api,INFO,3,\"a,\"\"b\"\"\",[]\r\n", text(response));
    }

    @Test
    void answersAnArrowStreamThatArrowJavaReads() throws Exception {
        HttpResponse<byte[]> response = post("/v1/query", "text/plain", "application/vnd.apache.arrow.stream",
                "SELECT service, n, tags FROM logs ORDER BY n");
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("application/vnd.apache.arrow.stream", response.headers().firstValue("Content-Type").orElseThrow());
        try (RootAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(response.body()), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals(List.of("service", "n", "tags"), root.getSchema().getFields().stream().map(f -> f.getName()).toList());
            StringBuilder seen = new StringBuilder();
            while (reader.loadNextBatch()) {
                for (int i = 0; i < root.getRowCount(); i++) {
                    seen.append(root.getVector("service").getObject(i)).append(' ')
                            .append(root.getVector("n").getObject(i)).append(' ')
                            .append(root.getVector("tags").getObject(i)).append(';');
                }
            }
            assertEquals("api 1 [1,2];db 2 null;api 3 [];", seen.toString());
        }
    }

    @Test
    void cutsTheAnswerAtTheRowLimitInEveryFormat() throws Exception {
        // A billion rows would not be built within the 1 s time limit: the answer streams and stops.
        HttpResponse<byte[]> huge = query("SELECT range AS i FROM range(1000000000)");
        assertEquals(200, huge.statusCode(), text(huge));
        assertTrue(text(huge).endsWith("\"rows\":[[0],[1],[2],[3],[4]],\"row_count\":5,\"truncated\":true}"), text(huge));
        HttpResponse<byte[]> hugeArrow = post("/v1/query", "text/plain", "application/vnd.apache.arrow.stream",
                "SELECT range AS i FROM range(1000000000)");
        assertEquals(200, hugeArrow.statusCode(), text(hugeArrow));
        assertEquals("5", hugeArrow.headers().firstValue("Eider-Query-Row-Count").orElseThrow());

        HttpResponse<byte[]> json = query("SELECT range AS i FROM range(12)");
        assertTrue(text(json).endsWith("\"rows\":[[0],[1],[2],[3],[4]],\"row_count\":5,\"truncated\":true}"), text(json));
        assertEquals("true", json.headers().firstValue("Eider-Query-Truncated").orElseThrow());

        HttpResponse<byte[]> csv = post("/v1/query", "text/plain", "text/csv", "SELECT range AS i FROM range(12)");
        assertEquals("i\r\n0\r\n1\r\n2\r\n3\r\n4\r\n", text(csv));
        assertEquals("true", csv.headers().firstValue("Eider-Query-Truncated").orElseThrow());

        HttpResponse<byte[]> arrow = post("/v1/query", "text/plain", "application/vnd.apache.arrow.stream",
                "SELECT range AS i FROM range(12)");
        assertEquals("true", arrow.headers().firstValue("Eider-Query-Truncated").orElseThrow());
        assertEquals("5", arrow.headers().firstValue("Eider-Query-Row-Count").orElseThrow());
        long rows = 0;
        try (RootAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(arrow.body()), allocator)) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        assertEquals(5, rows);

        HttpResponse<byte[]> exact = query("SELECT range AS i FROM range(5)");
        assertTrue(text(exact).endsWith("\"row_count\":5,\"truncated\":false}"), text(exact));
    }

    @Test
    void refusesEveryStatementThatIsNotARead() throws Exception {
        Path csv = dir.resolve("secret.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        List<String> refused = List.of(
                "INSERT INTO logs VALUES ('x', 'x', 9, 0, NULL)",
                "UPDATE logs SET n = 0",
                "DELETE FROM logs",
                "COPY logs TO '" + dir.resolve("out.csv") + "'",
                "ATTACH '" + dir.resolve("other.duckdb") + "' AS other",
                "CREATE TABLE stolen AS SELECT * FROM logs",
                "DROP TABLE logs",
                "PRAGMA enable_checkpoint_on_shutdown",
                "SET threads = 1",
                "CALL checkpoint()",
                "EXPORT DATABASE '" + dir.resolve("export") + "'",
                "IMPORT DATABASE '" + dir + "'",
                "ALTER TABLE logs ADD COLUMN y INTEGER",
                "DETACH eider",
                "USE memory",
                "RESET threads",
                "CHECKPOINT",
                "VACUUM logs",
                "LOAD json",
                "INSTALL httpfs",
                "EXPLAIN SELECT 1",
                "PIVOT logs ON service USING count(*)",
                "SELECT 1; DELETE FROM logs",
                "SELECT * FROM read_csv('" + csv + "')",
                "SELECT * FROM '" + csv + "'",
                "SELECT * FROM glob('" + dir + "/*')",
                "SELECT * FROM read_text('" + csv + "')",
                "SELECT * FROM logs WHERE n IN (SELECT a FROM read_csv_auto('" + csv + "'))",
                "SELECT * FROM duckdb_secrets()");
        for (String sql : refused) {
            HttpResponse<byte[]> response = query(sql);
            assertEquals(400, response.statusCode(), sql + " -> " + text(response));
            assertTrue(text(response).startsWith("{\"error\":\"not_read_only\""), sql + " -> " + text(response));
        }
        assertEquals(3, db.count("SELECT count(*) FROM logs"));
        assertEquals(0, db.count("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stolen'"));
        assertEquals(1, db.count("SELECT count(*) FROM duckdb_databases() WHERE NOT internal"));
        assertFalse(Files.exists(dir.resolve("out.csv")));
        assertFalse(Files.exists(dir.resolve("other.duckdb")));
        assertFalse(Files.exists(dir.resolve("export")));
    }

    @Test
    void namesTheReasonOfARefusal() throws Exception {
        assertTrue(text(query("INSERT INTO logs VALUES ('x', 'x', 9, 0, NULL)"))
                .contains("only read-only SELECT queries are allowed"));
        assertTrue(text(query("SELECT * FROM read_csv('/etc/passwd')"))
                .contains("table function 'read_csv' is not allowed"));
        assertTrue(text(query("SELECT 1; SELECT 2")).contains("send exactly one statement, got 2"));
        assertTrue(text(query("FROM 'x.parquet'")).contains("'x.parquet' looks like a file or URL"));
    }

    @Test
    void aViewOverAFileIsRefusedWhereItIsBound() throws Exception {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "a\n1\n");
        db.execute("CREATE VIEW from_file AS SELECT * FROM read_csv('" + csv + "')");
        HttpResponse<byte[]> response = query("SELECT * FROM from_file");
        assertEquals(400, response.statusCode());
        assertTrue(text(response).startsWith("{\"error\":\"not_read_only\",\"message\":\"the query cannot be checked"),
                text(response));
        db.execute("CREATE OR REPLACE VIEW files AS SELECT * FROM glob('" + dir + "/*')");
        HttpResponse<byte[]> glob = query("SELECT * FROM files");
        assertEquals(400, glob.statusCode());
        assertTrue(text(glob).contains("table function 'glob' is not allowed"), text(glob));
    }

    @Test
    void writesFromInsideASelectAreStoppedByTheReadOnlyTransaction() throws Exception {
        HttpResponse<byte[]> response = query("SELECT nextval('ids')");
        assertEquals(400, response.statusCode());
        assertTrue(text(response).contains("read-only"), text(response));
        assertEquals(1, db.count("SELECT nextval('ids')"));
    }

    @Test
    void readsCatalogFunctionsAndShortcuts() throws Exception {
        for (String sql : List.of("DESCRIBE logs", "SHOW TABLES", "SUMMARIZE logs",
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'logs'",
                "WITH api AS (SELECT * FROM logs WHERE service = 'api') SELECT count(*) FROM api",
                "FROM logs SELECT unnest(tags)", "SELECT * FROM generate_series(1, 3)")) {
            HttpResponse<byte[]> response = query(sql);
            assertEquals(200, response.statusCode(), sql + " -> " + text(response));
        }
    }

    @Test
    void reportsSqlErrors() throws Exception {
        HttpResponse<byte[]> response = query("SELECT nope FROM logs");
        assertEquals(400, response.statusCode());
        assertTrue(text(response).startsWith("{\"error\":\"query_failed\""), text(response));
        assertTrue(text(response).contains("nope"), text(response));
    }

    @Test
    void cancelsAQueryAtTheTimeLimit() throws Exception {
        HttpResponse<byte[]> response = query("SELECT count(*) FROM range(1000000000) a, range(1000000000) b");
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"query_timeout\",\"message\":\"the query ran longer than the time limit of 1s"
                + " and was cancelled (admin setting query_timeout)\"}", text(response));
        // The connection and its slot were given back: the next query runs.
        assertEquals(200, query("SELECT 1").statusCode());
    }

    @Test
    void cancelsAQueryWhoseClientHungUp() throws Exception {
        AdminExtension patient = startAdmin(new AdminConfig(new Endpoint("127.0.0.1", 0), TOKEN));
        try {
            String sql = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b";
            try (Socket socket = new Socket("127.0.0.1", patient.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/query HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: text/plain\r\nContent-Length: " + sql.length() + "\r\n\r\n" + sql)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(500);
            }
            // The query never ends on its own; only the 30 s time limit would stop it otherwise.
            long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (patient.queriesCancelledForGoneClients() == 0 && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            assertEquals(1, patient.queriesCancelledForGoneClients());
            // Its slot and connection were given back: both query slots take queries again.
            for (int i = 0; i < QueryRunner.CONCURRENT_QUERIES + 1; i++) {
                HttpResponse<byte[]> next = http.send(HttpRequest.newBuilder(URI.create(patient.uri() + "/v1/query"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT count(*) FROM logs")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, next.statusCode(), text(next));
            }
        } finally {
            patient.shutdown();
        }
    }

    @Test
    void readParquetViewsReadOnlyFilesUnderTheTargetsOwnDirectories() throws Exception {
        Path own = Files.createDirectories(dir.resolve("own"));
        Path other = Files.createDirectories(dir.resolve("other"));
        db.execute("COPY (SELECT 'mine' AS v) TO '" + own.resolve("a.parquet") + "' (FORMAT parquet)");
        db.execute("COPY (SELECT 'secret' AS v) TO '" + other.resolve("b.parquet") + "' (FORMAT parquet)");
        db.execute("CREATE VIEW own_files AS SELECT * FROM read_parquet('" + own + "/**/*.parquet')");
        db.execute("CREATE VIEW other_files AS SELECT * FROM read_parquet('" + other + "/*.parquet')");
        db.execute("CREATE VIEW climbing AS SELECT * FROM read_parquet('" + own + "/../other/*.parquet')");
        Files.createSymbolicLink(own.resolve("link"), other);
        db.execute("CREATE VIEW linked AS SELECT * FROM read_parquet('" + own + "/link/*.parquet')");
        db.execute("CREATE VIEW both_dirs AS SELECT * FROM read_parquet(['" + own + "/a.parquet', '" + other
                + "/b.parquet'])");
        QueryTarget parquet = new QueryTarget() {
            @Override
            public Connection openQueryConnection() throws SQLException {
                return db.duplicate();
            }

            @Override
            public List<String> queryFileRoots() {
                return List.of(own.toString());
            }
        };
        host.queryTargets(Map.of("parquet", parquet));

        HttpResponse<byte[]> mine = query("SELECT v FROM own_files");
        assertEquals(200, mine.statusCode(), text(mine));
        assertTrue(text(mine).contains("\"mine\""), text(mine));
        for (String view : List.of("other_files", "climbing", "linked", "both_dirs")) {
            HttpResponse<byte[]> response = query("SELECT v FROM " + view);
            assertEquals(400, response.statusCode(), view + " -> " + text(response));
            assertTrue(text(response).contains("is not one of the exporter's Parquet files"), text(response));
            assertFalse(text(response).contains("secret"), text(response));
        }
        // Named in the statement, even the own files are refused: only the target's views read them.
        assertTrue(text(query("SELECT * FROM read_parquet('" + own + "/a.parquet')"))
                .contains("table function 'read_parquet' is not allowed"));

        // A target without file roots reads no Parquet at all.
        host.queryTargets(Map.of("duckdb", db.target()));
        assertTrue(text(query("SELECT v FROM own_files")).contains("table function 'read_parquet' is not allowed"));
    }

    @Test
    void choosesTheExporterWhenThereAreSeveral() throws Exception {
        host.queryTargets(Map.of("duckdb", db.target(), "duckdb/other", db.target()));
        HttpResponse<byte[]> unchosen = query("SELECT 1");
        assertEquals(400, unchosen.statusCode());
        assertTrue(text(unchosen).contains("choose one with ?exporter=ID"), text(unchosen));
        assertTrue(text(unchosen).contains("duckdb/other"), text(unchosen));

        HttpResponse<byte[]> chosen = post("/v1/query?exporter=duckdb%2Fother", "text/plain", null, "SELECT 1 AS one");
        assertEquals(200, chosen.statusCode(), text(chosen));
        assertEquals("duckdb/other", chosen.headers().firstValue("Eider-Query-Exporter").orElseThrow());

        HttpResponse<byte[]> unknown = post("/v1/query?exporter=parquet", "text/plain", null, "SELECT 1");
        assertEquals(404, unknown.statusCode());
        assertTrue(text(unknown).contains("no queryable exporter 'parquet'"), text(unknown));

        host.queryTargets(Map.of());
        HttpResponse<byte[]> none = query("SELECT 1");
        assertEquals(400, none.statusCode());
        assertTrue(text(none).contains("no exporter of this collector answers queries"), text(none));
    }

    @Test
    void needsTheTokenAndABody() throws Exception {
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(URI.create(admin.uri() + "/v1/query"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(401, anonymous.statusCode());
        assertEquals(400, query("  ").statusCode());
        assertEquals(406, post("/v1/query", "text/plain", "text/html", "SELECT 1").statusCode());
        assertEquals(413, query("SELECT 1 -- " + "x".repeat(AdminRouter.MAX_BODY)).statusCode());
    }
}
