package dev.eider.exporter.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.ExporterAllocators;
import dev.eider.exporter.duckdb.LiveCollector;
import dev.eider.runtime.admin.AdminJson;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.S3TestServer;
import dev.eider.runtime.testkit.StubHost;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter writing to a real S3-compatible server (S3Proxy, path-style over plain HTTP):
 * every test writes under its own prefix of one bucket and reads back through the S3 API.
 */
class ParquetS3Test {
    private static final String BUCKET = "telemetry";
    private static final String FILE_NAME = "\\d{8}T\\d{6}Z-[0-9a-f]{8}-%s-%d_0\\.parquet";

    @TempDir
    static Path serverDir;

    private static S3TestServer server;

    private String prefix;
    private ExporterAllocators allocators;
    private BufferAllocator pipelineAllocator;
    private BufferAllocator exporterAllocator;
    private final List<TableBatch> batches = new ArrayList<>();
    private final List<ParquetExporter> exporters = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start(serverDir, BUCKET);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp(TestInfo test) {
        prefix = test.getTestMethod().orElseThrow().getName();
        allocators = new ExporterAllocators();
        pipelineAllocator = allocators.pipeline();
        exporterAllocator = allocators.exporter();
    }

    @AfterEach
    void noLeaks() throws Exception {
        for (ParquetExporter exporter : exporters) {
            exporter.shutdown();
        }
        batches.forEach(TableBatch::close);
        allocators.close();
    }

    @Test
    void rowsLandAsObjectsInDayPartitionsAndReadBackOverS3() throws Exception {
        ParquetExporter exporter = started(settings(S3TestServer.SECRET));
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            tables.put(table, List.of(batch(table, 0, 6), batch(table, 6, 3)));
        }
        exporter.seal(new Seal("logs/audit", 7, tables));

        Set<String> logsPartitions = new TreeSet<>();
        for (String key : objectKeys("otlp_logs")) {
            String[] parts = key.split("/");
            assertEquals(5, parts.length, key);
            assertTrue(parts[4].matches(String.format(FILE_NAME, "logs\\.audit", 7)), key);
            logsPartitions.add(parts[1] + "/" + parts[2] + "/" + parts[3]);
        }
        // Serials 0 and 5 have no timestamp; 1 to 8 advance one day each from 2023-11-14.
        assertEquals(Set.of("year=1970/month=01/day=01", "year=2023/month=11/day=15", "year=2023/month=11/day=16",
                        "year=2023/month=11/day=17", "year=2023/month=11/day=18", "year=2023/month=11/day=20",
                        "year=2023/month=11/day=21", "year=2023/month=11/day=22"),
                logsPartitions);
        for (Table table : Table.values()) {
            assertEquals(9, rowCount(table), table.tableName());
        }
        assertEquals(List.of("ü'body#1", "ü'body#2", "ü'body#3"),
                strings("SELECT body FROM read_parquet(" + Sql.string(glob(Table.LOGS)) + ") WHERE body IS NOT NULL"
                        + " ORDER BY body LIMIT 3"));
    }

    @Test
    void retryAfterAFailedTableWritesOnlyTheTablesNotWrittenYet() throws Exception {
        ParquetExporter exporter = started(settings(S3TestServer.SECRET));
        // The server keeps objects as files: a file where otlp_logs/ needs a directory fails its PUTs.
        Path blocker = Files.createDirectories(server.storage(BUCKET).resolve(prefix)).resolve("otlp_logs");
        Files.writeString(blocker, "not a directory");
        TableBatch traces = batch(Table.TRACES, 0, 4);
        TableBatch logs = batch(Table.LOGS, 0, 3);

        SQLException failure = assertThrows(SQLException.class, () -> exporter.seal(new Seal("p", 1, Map.of(
                Table.TRACES, List.of(traces), Table.LOGS, List.of(logs)))));
        assertTrue(failure.getMessage().contains("HTTP"), failure.getMessage());
        assertEquals(4, objectKeys("otlp_traces").size(), "traces come first and were written");

        Files.delete(blocker);
        TableBatch newerTraces = batch(Table.TRACES, 4, 2);
        exporter.seal(new Seal("p", 2, Map.of(
                Table.TRACES, List.of(traces, newerTraces), Table.LOGS, List.of(logs))));

        assertEquals(6, rowCount(Table.TRACES));
        assertEquals(3, rowCount(Table.LOGS));
        assertEquals(4, objectKeys("otlp_traces").stream().filter(named("p", 1)).count());
        assertEquals(2, objectKeys("otlp_traces").stream().filter(named("p", 2)).count(),
                "only the newer traces were written by the retry");
        assertTrue(objectKeys("otlp_logs").stream().allMatch(named("p", 1)),
                "the logs' objects are named after the attempt that first tried them");
    }

    @Test
    void aTableWrittenHalfwayIsOverwrittenByTheRetryNotDuplicated() throws Exception {
        ParquetExporter exporter = started(settings(S3TestServer.SECRET));
        Path blockedDay = Files.createDirectories(server.storage(BUCKET).resolve(prefix)
                .resolve("otlp_logs/year=2023/month=11")).resolve("day=17");
        Files.writeString(blockedDay, "not a directory");
        List<TableBatch> logs = List.of(batch(Table.LOGS, 0, 5), batch(Table.LOGS, 5, 5));

        assertThrows(SQLException.class, () -> exporter.seal(new Seal("p", 1, Map.of(Table.LOGS, logs))));
        Files.delete(blockedDay);
        exporter.seal(new Seal("p", 2, Map.of(Table.LOGS, logs)));

        assertEquals(10, rowCount(Table.LOGS));
        assertTrue(objectKeys("otlp_logs").stream().allMatch(named("p", 1)), objectKeys("otlp_logs").toString());
    }

    @Test
    void startFailsClearlyWithAWrongSecretAndNeverShowsIt() throws Exception {
        String wrong = "wrong-secret-that-must-not-be-shown";
        ParquetConfig config = settings(wrong);
        assertFalse(config.toString().contains(wrong), config.toString());
        ParquetExporter exporter = new ParquetExporter(ComponentId.parse("parquet"), exporterAllocator, config);

        SQLException e = assertThrows(SQLException.class, () -> exporter.start(new StubHost()));
        assertTrue(e.getMessage().startsWith("cannot list s3://" + BUCKET + "/" + prefix
                + " (check the bucket, s3 settings and credentials)"), e.getMessage());
        assertTrue(e.getMessage().contains("403"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(e.getMessage().contains(S3TestServer.SECRET), e.getMessage());
    }

    @Test
    void startFailsClearlyWithoutTheBucket() {
        ParquetConfig config = ConfigBinding.bind(new ParquetExporterFactory(),
                yaml("s3://no-such-bucket/" + prefix, S3TestServer.SECRET));
        ParquetExporter exporter = new ParquetExporter(ComponentId.parse("parquet"), exporterAllocator, config);

        SQLException e = assertThrows(SQLException.class, () -> exporter.start(new StubHost()));
        assertTrue(e.getMessage().startsWith("cannot list s3://no-such-bucket/" + prefix), e.getMessage());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void queriesReadTheObjectsThroughTheViews() throws Exception {
        try (LiveCollector live = new LiveCollector(new ParquetExporterFactory(),
                yaml("s3://" + BUCKET + "/" + prefix, S3TestServer.SECRET), pipelineAllocator)) {
            live.send(Signal.LOGS, logs(batch(Table.LOGS, 1, 4)));
            live.flush();

            assertEquals(List.of(List.of(4)), rows(ok(live, "SELECT count(*)::INTEGER FROM otlp_logs")));
            assertEquals("[[2023, 11, 15]]",
                    rows(ok(live, "SELECT year, month, day FROM otlp_logs ORDER BY day LIMIT 1")).toString());
            assertEquals(List.of(List.of(0)), rows(ok(live, "SELECT count(*)::INTEGER FROM otlp_traces")),
                    "a table without objects yet is empty");
            String ownObjects = glob(Table.LOGS);
            for (String sql : List.of(
                    "SELECT * FROM read_parquet('" + ownObjects + "')",
                    "SELECT * FROM '" + ownObjects + "'",
                    "SELECT * FROM read_parquet('s3://" + BUCKET + "/other/**/*.parquet')")) {
                HttpResponse<String> response = live.query(sql);
                assertEquals(400, response.statusCode(), sql + " -> " + response.body());
                assertTrue(response.body().startsWith("{\"error\":\"not_read_only\""), sql + " -> " + response.body());
            }
        }
    }

    /** The batch handed over to the collector, which closes it: this test no longer owns it. */
    private TableBatch logs(TableBatch batch) {
        batches.remove(batch);
        return batch;
    }

    private ParquetConfig settings(String secret) {
        return ConfigBinding.bind(new ParquetExporterFactory(), yaml("s3://" + BUCKET + "/" + prefix, secret));
    }

    private static String yaml(String path, String secret) {
        return """
                path: %s
                extension_directory: %s
                s3:
                  region: us-east-1
                  endpoint: %s
                  url_style: path
                  use_ssl: false
                  key_id: %s
                  secret: %s""".formatted(path, System.getProperty("eider.duckdb.extension.dir"), server.endpoint(),
                S3TestServer.KEY_ID, secret);
    }

    private ParquetExporter started(ParquetConfig config) throws Exception {
        ParquetExporter exporter = new ParquetExporter(ComponentId.parse("parquet"), exporterAllocator, config);
        exporter.start(new StubHost());
        exporters.add(exporter);
        return exporter;
    }

    private TableBatch batch(Table table, int firstSerial, int rows) {
        TableBatch batch = Rows.batch(table, pipelineAllocator, firstSerial, rows);
        batches.add(batch);
        return batch;
    }

    private String glob(Table table) {
        return new ParquetViews("s3://" + BUCKET + "/" + prefix).fileGlob(table);
    }

    /** The keys of a table's objects relative to the test's prefix, listed through the S3 API. */
    private List<String> objectKeys(String tableName) throws SQLException {
        String tableRoot = "s3://" + BUCKET + "/" + prefix + "/";
        List<String> keys = new ArrayList<>();
        for (String file : strings("SELECT file FROM glob(" + Sql.string(tableRoot + tableName + "/**") + ") ORDER BY 1")) {
            keys.add(file.substring(tableRoot.length()));
        }
        return keys;
    }

    private long rowCount(Table table) throws SQLException {
        return Long.parseLong(strings("SELECT count(*) FROM read_parquet(" + Sql.string(glob(table))
                + ", hive_partitioning = true)").get(0));
    }

    /** Runs {@code sql} on a reader of its own, with its own secret for the server. */
    private static List<String> strings(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("SET extension_directory = "
                        + Sql.string(System.getProperty("eider.duckdb.extension.dir")));
                statement.execute("LOAD httpfs");
            }
            try (PreparedStatement secret = db.prepareStatement("CREATE SECRET reader (TYPE s3, KEY_ID ?, SECRET ?,"
                    + " ENDPOINT ?, URL_STYLE 'path', USE_SSL false)")) {
                secret.setString(1, S3TestServer.KEY_ID);
                secret.setString(2, S3TestServer.SECRET);
                secret.setString(3, server.endpoint());
                secret.execute();
            }
            List<String> values = new ArrayList<>();
            try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    private static java.util.function.Predicate<String> named(String pipeline, long sequence) {
        return key -> key.substring(key.lastIndexOf('/') + 1).matches(String.format(FILE_NAME, pipeline, sequence));
    }

    private static HttpResponse<String> ok(LiveCollector live, String sql) throws Exception {
        HttpResponse<String> response = live.query(sql);
        assertEquals(200, response.statusCode(), sql + " -> " + response.body());
        return response;
    }

    private static List<?> rows(HttpResponse<String> response) {
        return (List<?>) ((Map<?, ?>) AdminJson.read(response.body())).get("rows");
    }
}
