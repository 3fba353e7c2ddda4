package dev.eider.exporter.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.duckdb.LiveCollector;
import dev.eider.runtime.admin.AdminJson;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/query against a real collector sealing into Parquet files. */
class ParquetLiveQueryTest {
    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();
    private LiveCollector live;

    @BeforeEach
    void start() throws Exception {
        live = new LiveCollector(new ParquetExporterFactory(), "path: " + dir.resolve("parquet"), allocator);
    }

    @AfterEach
    void stop() {
        live.close();
        allocator.close();
    }

    @Test
    void sealedFilesAnswerQueriesThroughTheViews() throws Exception {
        live.send(Signal.LOGS, logs("api", "db timeout", "api", "ok", "web", "500"));
        live.flush();
        live.send(Signal.LOGS, logs("web", "later"));
        live.flush();

        assertEquals(List.of(List.of("api", 2), List.of("web", 2)), rows(ok(
                "SELECT service_name, count(*)::INTEGER FROM otlp_logs GROUP BY ALL ORDER BY 1")));
        assertEquals(List.of(List.of(0)), rows(ok("SELECT count(*)::INTEGER FROM otlp_traces")),
                "a table without files yet is empty");
    }

    @Test
    void writesAndOtherFilesStayRefused() throws Exception {
        live.send(Signal.LOGS, logs("api", "kept"));
        live.flush();
        String ownFiles = dir.resolve("parquet").resolve("otlp_logs") + "/**/*.parquet";
        for (String sql : List.of(
                "INSERT INTO otlp_logs (service_name) VALUES ('x')",
                "CREATE VIEW v AS SELECT 1",
                // Even the exporter's own files: only its views may read them.
                "SELECT * FROM read_parquet('" + ownFiles + "')",
                "SELECT * FROM '" + ownFiles + "'")) {
            HttpResponse<String> response = live.query(sql);
            assertEquals(400, response.statusCode(), sql + " -> " + response.body());
            assertTrue(response.body().startsWith("{\"error\":\"not_read_only\""), sql + " -> " + response.body());
        }
        assertEquals(List.of(List.of("kept")), rows(ok("SELECT body FROM otlp_logs")));
    }

    private HttpResponse<String> ok(String sql) throws Exception {
        HttpResponse<String> response = live.query(sql);
        assertEquals(200, response.statusCode(), sql + " -> " + response.body());
        return response;
    }

    private static List<?> rows(HttpResponse<String> response) {
        return (List<?>) ((Map<?, ?>) AdminJson.read(response.body())).get("rows");
    }

    /** Log rows from (service, body) pairs. */
    private TableBatch logs(String... serviceAndBody) {
        Table table = Table.LOGS;
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (int i = 0; i < serviceAndBody.length; i += 2) {
                builder.startRow();
                builder.setTimestampNanos(table.columnIndex("time_unix_nano"), 1_700_000_000_000_000_000L + i);
                builder.setString(table.columnIndex("service_name"), serviceAndBody[i]);
                builder.setString(table.columnIndex("body"), serviceAndBody[i + 1]);
            }
            return builder.build();
        }
    }
}
