package dev.eider.exporter.ducklake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.duckdb.LiveCollector;
import dev.eider.runtime.pipeline.Signal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/query against a real collector sealing into a DuckLake catalog. */
class DuckLakeLiveQueryTest {
    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();
    private LiveCollector live;

    @BeforeEach
    void start() throws Exception {
        String metadata = dir.resolve("meta.ducklake").toString();
        String data = dir.resolve("data") + "/";
        // A view over a file, created in the lake beforehand: the guard must see through it.
        Path secret = dir.resolve("secret.csv");
        Files.writeString(secret, "word\nswordfish\n");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            LakeFixture.execute(db, "SET extension_directory = '" + LakeFixture.extensionDirectory() + "'");
            LakeFixture.execute(db, "LOAD ducklake");
            LakeFixture.execute(db, "ATTACH 'ducklake:" + metadata + "' AS lake (DATA_PATH '" + data + "')");
            LakeFixture.execute(db, "CREATE VIEW lake.main.secret AS SELECT * FROM read_csv('" + secret + "')");
        }
        live = new LiveCollector(new DuckLakeExporterFactory(), """
                metadata: %s
                data_path: %s
                extension_directory: %s
                """.formatted(metadata, data, LakeFixture.extensionDirectory()), allocator);
    }

    @AfterEach
    void stop() {
        live.close();
        allocator.close();
    }

    @Test
    void rowsSealedIntoTheLakeAnswerQueries() throws Exception {
        live.send(Signal.LOGS, live.logs("api", "db timeout", "api", "ok", "web", "500"));
        live.flush();

        assertEquals(List.of(List.of("api", 2), List.of("web", 1)), LiveCollector.rows(live.ok(
                "SELECT service_name, count(*)::INTEGER FROM otlp_logs GROUP BY ALL ORDER BY 1")));
        assertEquals(List.of(List.of(6)), LiveCollector.rows(live.ok(
                "SELECT count(*)::INTEGER FROM eider_lake.main.otlp_logs, range(2)")));
        assertEquals(List.of(List.of("500")), LiveCollector.rows(live.ok(
                "WITH web AS (SELECT body FROM otlp_logs WHERE service_name = 'web') SELECT * FROM web")));
        assertEquals(List.of(List.of(0)), LiveCollector.rows(live.ok("SELECT count(*)::INTEGER FROM otlp_traces")));
    }

    @Test
    void writesAndFilesStayRefused() throws Exception {
        live.send(Signal.LOGS, live.logs("api", "kept"));
        live.flush();
        for (String sql : List.of(
                "INSERT INTO otlp_logs (service_name) VALUES ('x')",
                "DELETE FROM otlp_logs",
                "SELECT * FROM otlp_logs, read_csv('" + dir.resolve("secret.csv") + "')",
                // The view's file scan, before and after the lake scan in the plan.
                "SELECT * FROM otlp_logs, secret",
                "SELECT * FROM secret, otlp_logs",
                "SELECT * FROM secret",
                "SELECT * FROM ducklake_snapshots('eider_lake')")) {
            HttpResponse<String> response = live.query(sql);
            assertEquals(400, response.statusCode(), sql + " -> " + response.body());
            assertTrue(response.body().startsWith("{\"error\":\"not_read_only\""), sql + " -> " + response.body());
            assertTrue(!response.body().contains("swordfish"), response.body());
        }
        // The lake scan comes first in this plan, so the physical-plan check is what finds the file.
        assertTrue(live.query("SELECT * FROM otlp_logs, secret").body().contains("table function 'read_csv' is not"
                + " allowed"));
        assertEquals(List.of(List.of("kept")), LiveCollector.rows(live.ok("SELECT body FROM otlp_logs")));
    }
}
