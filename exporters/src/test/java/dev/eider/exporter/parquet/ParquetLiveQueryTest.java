package dev.eider.exporter.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.duckdb.LiveCollector;
import dev.eider.runtime.pipeline.Signal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
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
        live.send(Signal.LOGS, live.logs("api", "db timeout", "api", "ok", "web", "500"));
        live.flush();
        live.send(Signal.LOGS, live.logs("web", "later"));
        live.flush();

        assertEquals(List.of(List.of("api", 2), List.of("web", 2)), LiveCollector.rows(live.ok(
                "SELECT service_name, count(*)::INTEGER FROM otlp_logs GROUP BY ALL ORDER BY 1")));
        assertEquals(List.of(List.of(0)), LiveCollector.rows(live.ok("SELECT count(*)::INTEGER FROM otlp_traces")),
                "a table without files yet is empty");
    }

    @Test
    void writesAndOtherFilesStayRefused() throws Exception {
        live.send(Signal.LOGS, live.logs("api", "kept"));
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
        assertEquals(List.of(List.of("kept")), LiveCollector.rows(live.ok("SELECT body FROM otlp_logs")));
    }
}
