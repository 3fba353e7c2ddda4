package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.ducklake.DuckLakeExporterFactory;
import dev.eider.exporter.parquet.ParquetExporterFactory;
import dev.eider.runtime.pipeline.Signal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin extension's Flight SQL endpoint on a real collector, with real clients: Arrow's Flight
 * SQL JDBC driver and Apache Arrow's ADBC driver from Python (pyarrow, polars).
 */
class FlightSqlLiveQueryTest {
    private static final int ROWS_PER_SEAL = 100;
    private static final String HEAVY = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b";

    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();
    private LiveCollector live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        allocator.close();
    }

    private LiveCollector duckdb() throws Exception {
        live = new LiveCollector(dir.resolve("eider.duckdb"), allocator);
        return live;
    }

    @Test
    void jdbcQueriesWhileAPipelineIngestsSeeWholeSealsOnly() throws Exception {
        duckdb();
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicReference<Throwable> feederFailure = new AtomicReference<>();
        Thread feeder = new Thread(() -> {
            try {
                for (int serial = 0; feeding.get(); serial += ROWS_PER_SEAL) {
                    live.send(Signal.LOGS, logs(ROWS_PER_SEAL, serial));
                    live.flush();
                }
            } catch (Throwable t) {
                feederFailure.set(t);
            }
        }, "feeder");
        feeder.start();
        List<Long> counts = new ArrayList<>();
        try (Connection connection = live.jdbc(""); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 500 && growth(counts) < 4; i++) {
                counts.add(count(statement));
            }
            feeding.set(false);
            feeder.join();
            assertNull(feederFailure.get());
            assertTrue(growth(counts) >= 4, "counts grew while ingesting: " + counts);
            for (int i = 0; i < counts.size(); i++) {
                assertEquals(0, counts.get(i) % ROWS_PER_SEAL, "a query sees whole seals only: " + counts);
                assertTrue(i == 0 || counts.get(i) >= counts.get(i - 1), "counts never shrink: " + counts);
            }
            long sealed = live.collector.pipelines().stream()
                    .filter(p -> p.id().equals("logs")).findFirst().orElseThrow().committedRowsTotal();
            assertEquals(sealed, count(statement), "after ingest stops the query sees every committed row");
        } finally {
            feeding.set(false);
            feeder.join();
        }
    }

    private static long count(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM otlp_logs")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int growth(List<Long> counts) {
        int growth = 0;
        for (int i = 1; i < counts.size(); i++) {
            growth += counts.get(i) > counts.get(i - 1) ? 1 : 0;
        }
        return growth;
    }

    private dev.eider.runtime.table.TableBatch logs(int rows, int firstSerial) {
        String[] serviceAndBody = new String[rows * 2];
        for (int r = 0; r < rows; r++) {
            serviceAndBody[2 * r] = "svc-" + (firstSerial + r) % 3;
            serviceAndBody[2 * r + 1] = "line " + (firstSerial + r);
        }
        return live.logs(serviceAndBody);
    }

    @Test
    void adbcFetchesIntoPyarrowInDuckDbsArrowTypesAndBindsParameters() throws Exception {
        duckdb().send(Signal.LOGS, live.logs("api", "db timeout", "api", "ok", "web", "500"));
        live.flush();
        AdbcClient adbc = new AdbcClient(live);

        Map<?, ?> fetched = adbc.run("fetch", Map.of("sql",
                "SELECT service_name, body, time_unix_nano, severity_number FROM otlp_logs ORDER BY body"));
        assertEquals(List.of(List.of("service_name", "string"), List.of("body", "string"),
                List.of("time_unix_nano", "timestamp[us]"), List.of("severity_number", "int32")), fetched.get("schema"));
        List<?> rows = (List<?>) fetched.get("rows");
        assertEquals(List.of("web", "500"), List.of(field(rows, 0, "service_name"), field(rows, 0, "body")));
        assertEquals(3, rows.size());

        Map<?, ?> bound = adbc.run("fetch", Map.of("sql",
                "SELECT count(*) AS n FROM otlp_logs WHERE service_name = ?", "parameters", List.of("api")));
        assertEquals(List.of(Map.of("n", 2)), bound.get("rows"));
    }

    private static Object field(List<?> rows, int row, String column) {
        return ((Map<?, ?>) rows.get(row)).get(column);
    }

    @Test
    void adbcBrowsesTheCatalogsTablesAndColumns() throws Exception {
        duckdb();
        Map<?, ?> objects = new AdbcClient(live).run("objects", Map.of("catalog", "duckdb"));
        List<?> logs = ((List<?>) objects.get("tables")).stream().map(t -> (List<?>) t)
                .filter(t -> t.get(2).equals("otlp_logs")).findFirst().orElseThrow();
        assertEquals(List.of("duckdb", "main", "otlp_logs", "TABLE"), logs.subList(0, 4));
        assertTrue(((List<?>) logs.get(4)).containsAll(List.of("time_unix_nano", "service_name", "body")), logs.toString());
        assertEquals(List.of("eider_seal_positions", "otlp_logs", "otlp_metrics_exp_histogram", "otlp_metrics_gauge",
                "otlp_metrics_histogram", "otlp_metrics_sum", "otlp_traces"),
                ((List<?>) objects.get("tables")).stream().map(t -> ((List<?>) t).get(2)).toList(),
                "the six tables and the seal positions, as /v1/query reads them");
        assertTrue(((List<?>) objects.get("logs_schema")).contains(List.of("body", "string")), objects.toString());
        assertEquals("Eider", objects.get("vendor"));
    }

    @Test
    void adbcIsRefusedWithoutTheTokenAndForWritesAndPastTheRowLimit() throws Exception {
        duckdb().send(Signal.LOGS, live.logs("api", "kept"));
        live.flush();
        AdbcClient adbc = new AdbcClient(live);
        String unauthenticated = error(adbc.run("failure", Map.of("sql", "not even SQL",
                "wrong_token", "wrong-token-0123456789")));
        assertTrue(unauthenticated.toLowerCase(java.util.Locale.ROOT).contains("unauthenticated"), unauthenticated);
        assertFalse(unauthenticated.contains("syntax"), unauthenticated);

        for (String sql : List.of("DELETE FROM otlp_logs", "INSERT INTO otlp_logs (service_name) VALUES ('x')",
                "COPY otlp_logs TO '" + dir.resolve("out.csv") + "'")) {
            String refused = error(adbc.run("failure", Map.of("sql", sql)));
            assertTrue(refused.contains("not_read_only"), sql + ": " + refused);
        }
        String ingest = error(adbc.run("failure", Map.of("ingest", true)));
        assertTrue(ingest.contains("not_read_only") && ingest.contains("bulk ingestion"), ingest);

        String cut = error(adbc.run("failure", Map.of("sql", "SELECT * FROM range(20000)")));
        assertTrue(cut.contains("query_max_rows"), cut);
        assertEquals(List.of(List.of(1)), LiveCollector.rows(live.ok("SELECT count(*)::INTEGER FROM otlp_logs")),
                "nothing was written");
    }

    private static String error(Map<?, ?> result) {
        Object error = result.get("error");
        assertNotNull(error, "the call was expected to fail: " + result);
        return error.toString();
    }

    @Test
    void adbcCancellingAQueryFreesItsSlotAtOnce() throws Exception {
        duckdb();
        Map<?, ?> cancelled = new AdbcClient(live).run("cancel", Map.of("sql", HEAVY));
        assertEquals(true, cancelled.get("finished"), cancelled.toString());
        assertNotNull(cancelled.get("error"), cancelled.toString());
        assertTrue(((Number) cancelled.get("seconds")).doubleValue() < 15, "cancelled well before the 20 s time limit: "
                + cancelled);
        // Of the two query slots, the cancelled query holds none: with one heavy query running
        // (it holds one), another query still gets the second.
        try (Connection connection = live.jdbc(""); Statement statement = connection.createStatement()) {
            Thread heavy = new Thread(() -> {
                try {
                    statement.executeQuery(HEAVY).close();
                } catch (SQLException expected) {
                    // cancelled below
                }
            });
            heavy.start();
            Thread.sleep(1000);
            assertEquals(200, live.query("SELECT 1").statusCode());
            statement.cancel();
            heavy.join(20_000);
        }
    }

    @Test
    void polarsReadsThroughAdbc() throws Exception {
        duckdb().send(Signal.LOGS, live.logs("api", "db timeout", "web", "500"));
        live.flush();
        Map<?, ?> frame = new AdbcClient(live).run("polars", Map.of("sql",
                "SELECT service_name, count(*) AS n FROM otlp_logs GROUP BY ALL ORDER BY 1"));
        assertEquals(List.of("service_name", "n"), frame.get("columns"));
        assertEquals(List.of(List.of("api", 1), List.of("web", 1)), frame.get("rows"));
    }

    @Test
    void eachExporterIsACatalogReadThroughItsOwnConnection() throws Exception {
        String extensions = System.getProperty("eider.duckdb.extension.dir");
        live = new LiveCollector(List.of(
                new LiveCollector.Exporter(new DuckDbExporterFactory(), "duckdb", "path: " + dir.resolve("eider.duckdb")),
                new LiveCollector.Exporter(new ParquetExporterFactory(), "parquet", "path: " + dir.resolve("parquet")),
                new LiveCollector.Exporter(new DuckLakeExporterFactory(), "ducklake", """
                        metadata: %s
                        data_path: %s
                        extension_directory: %s
                        """.formatted(dir.resolve("meta.ducklake"), dir.resolve("lake") + "/", extensions))),
                allocator);
        live.send(Signal.LOGS, live.logs("api", "db timeout", "web", "500", "web", "ok"));
        live.flush();

        try (Connection connection = live.jdbc("")) {
            List<String> catalogs = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getCatalogs()) {
                while (rows.next()) {
                    catalogs.add(rows.getString(1));
                }
            }
            assertEquals(List.of("duckdb", "ducklake", "parquet"), catalogs);
            for (String catalog : catalogs) {
                try (ResultSet tables = connection.getMetaData().getTables(catalog, null, "otlp_logs", null)) {
                    assertTrue(tables.next(), catalog + " lists otlp_logs");
                    assertEquals(catalog, tables.getString("TABLE_CAT"));
                }
            }
        }
        for (String catalog : List.of("duckdb", "ducklake", "parquet")) {
            try (Connection connection = live.jdbc("&exporter=" + catalog); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT count(*) FILTER (WHERE service_name = 'web'), count(*) FROM otlp_logs")) {
                rows.next();
                assertEquals(List.of(2L, 3L), List.of(rows.getLong(1), rows.getLong(2)), catalog);
            }
        }
        Map<?, ?> parquet = new AdbcClient(live).run("fetch", Map.of("exporter", "parquet",
                "sql", "SELECT count(*) AS n FROM otlp_logs"));
        assertEquals(List.of(Map.of("n", 3)), parquet.get("rows"));
    }
}
