package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.testkit.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real collector.jar processes write one DuckLake whose catalog is a real PostgreSQL server
 * (started here), concurrently, each with its own writer id, write-ahead log and maintenance.
 * After both stop gracefully, every record either of them acknowledged is in the lake exactly
 * once.
 */
class DuckLakePostgresIT {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration LOAD = Duration.ofSeconds(4);
    private static final int CLIENTS_PER_COLLECTOR = 2;
    private static final int RECORDS_PER_REQUEST = 10;

    @TempDir
    Path dir;

    private final Path jar = CollectorProcess.jar("eider.collector.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Every record id a collector answered 202 for. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    @Test
    void twoCollectorsOnOnePostgresCatalogStoreEveryAcknowledgedRecordExactlyOnce() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String metadata = "postgres:" + postgres.connectionString();
            Path data = dir.resolve("lake_data");
            // Started together on a catalog nobody created yet: they race to create it.
            try (CollectorProcess a = start("a", metadata, data); CollectorProcess b = start("b", metadata, data)) {
                URI logsA = listening(a);
                URI logsB = listening(b);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS_PER_COLLECTOR; c++) {
                    clients.add(client(logsA, "a" + c, stop));
                    clients.add(client(logsB, "b" + c, stop));
                }
                Thread.sleep(LOAD.toMillis());
                stop.set(true);
                for (Thread client : clients) {
                    client.join(STARTUP.toMillis());
                }
                for (CollectorProcess collector : List.of(a, b)) {
                    collector.terminate();
                }
                for (CollectorProcess collector : List.of(a, b)) {
                    assertEquals(0, collector.awaitExit(STARTUP), collector.output());
                    assertTrue(collector.output().contains("every accepted row was sealed"), collector.output());
                }
            }
            assertTrue(acknowledged.stream().anyMatch(id -> id.startsWith("a"))
                    && acknowledged.stream().anyMatch(id -> id.startsWith("b")), "both collectors acknowledged load");
            System.out.println("DuckLake on PostgreSQL, two collectors: " + acknowledged.size() + " acknowledged records");

            try (Connection lake = lake(metadata); Statement s = lake.createStatement()) {
                Map<String, Long> stored = new HashMap<>();
                try (ResultSet rows = s.executeQuery("SELECT body, count(*) FROM lake.main.otlp_logs GROUP BY body")) {
                    while (rows.next()) {
                        stored.put(rows.getString(1), rows.getLong(2));
                    }
                }
                List<String> missing = acknowledged.stream().filter(id -> !stored.containsKey(id)).sorted().toList();
                List<String> doubled = stored.entrySet().stream().filter(e -> e.getValue() != 1)
                        .map(e -> e.getKey() + " x" + e.getValue()).sorted().toList();
                assertEquals(List.of(), missing.subList(0, Math.min(20, missing.size())),
                        missing.size() + " of " + acknowledged.size() + " acknowledged records are missing");
                assertEquals(List.of(), doubled.subList(0, Math.min(20, doubled.size())),
                        doubled.size() + " records are stored more than once");
                try (ResultSet rows = s.executeQuery("SELECT string_agg(writer_id, ',' ORDER BY writer_id) "
                        + "FROM lake.main.eider_seal_positions WHERE pipeline = 'logs'")) {
                    rows.next();
                    assertEquals("a,b", rows.getString(1), "one seal position per collector");
                }
            }
        }
    }

    /** A collector in its own directory (its own write-ahead log), writing the shared lake as {@code writerId}. */
    private CollectorProcess start(String writerId, String metadata, Path data) throws Exception {
        Path home = Files.createDirectories(dir.resolve(writerId));
        Path config = home.resolve("collector.yaml");
        Files.writeString(config, """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                processors:
                  batch:
                    ack: durable
                    wal_dir: wal
                    seal_max_age: 200ms
                exporters:
                  ducklake:
                    metadata: "%s"
                    data_path: %s/
                    writer_id: %s
                    extension_directory: ${env:EIDER_DUCKDB_EXTENSIONS}
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [batch], exporters: [ducklake]}
                """.formatted(metadata, data, writerId));
        return CollectorProcess.start(jar, home, "--config", config.toString());
    }

    private static URI listening(CollectorProcess collector) throws InterruptedException {
        return URI.create(collector.awaitLine("\\(http\\) listening on (http://\\S+)", STARTUP) + "/v1/logs");
    }

    /** Posts requests of uniquely tagged records until stopped, remembering what was acknowledged. */
    private Thread client(URI logs, String prefix, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            for (int request = 0; !stop.get(); request++) {
                String tag = prefix + "q" + request;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(logs)
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(OtlpHttpPoster.logs(RECORDS_PER_REQUEST, 0, tag)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
                            acknowledged.add(tag + "-" + i);
                        }
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }, "client-" + prefix);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A separate DuckDB that attaches the lake read-only, as any reader would. */
    private static Connection lake(String metadata) throws Exception {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = db.createStatement()) {
            s.execute("SET extension_directory = '" + System.getenv("EIDER_DUCKDB_EXTENSIONS") + "'");
            s.execute("LOAD ducklake");
            s.execute("LOAD postgres");
            s.execute("ATTACH 'ducklake:" + metadata + "' AS lake (READ_ONLY)");
        }
        return db;
    }
}
