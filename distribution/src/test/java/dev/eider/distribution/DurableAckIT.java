package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ack: durable} against kill -9 of the real collector.jar under sustained load: after
 * the restarts, every record the client saw acknowledged is in the target (DuckDB, DuckLake)
 * exactly once.
 */
class DurableAckIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final int KILLS = 3;
    private static final int CLIENTS = 4;
    private static final int RECORDS_PER_REQUEST = 20;

    @TempDir
    Path dir;

    private final Path jar = CollectorProcess.jar("eider.collector.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Every record id the collector answered 202 for. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    /** A transactional target: its exporter config and how to count stored records by id. */
    enum Target {
        DUCKDB("""
                  duckdb:
                    path: durable.duckdb
                """, "duckdb"),
        DUCKLAKE("""
                  ducklake:
                    metadata: durable.ducklake
                    data_path: {dir}/durable_data/
                    extension_directory: ${env:EIDER_DUCKDB_EXTENSIONS}
                """, "ducklake");

        final String exporterYaml;
        final String exporterId;

        Target(String exporterYaml, String exporterId) {
            this.exporterYaml = exporterYaml;
            this.exporterId = exporterId;
        }

        Map<String, Long> storedIds(Path dir) throws SQLException {
            String countById = "SELECT body AS id, count(*) AS n FROM %s GROUP BY body";
            List<Map<String, Object>> rows;
            if (this == DUCKDB) {
                rows = DuckDbRows.query(dir.resolve("durable.duckdb"), countById.formatted("otlp_logs"));
            } else {
                rows = new ArrayList<>();
                try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                        Statement s = db.createStatement()) {
                    s.execute("SET extension_directory = '" + System.getenv("EIDER_DUCKDB_EXTENSIONS") + "'");
                    s.execute("LOAD ducklake");
                    s.execute("ATTACH 'ducklake:" + dir.resolve("durable.ducklake") + "' AS lake (READ_ONLY)");
                    try (ResultSet rs = s.executeQuery(countById.formatted("lake.main.otlp_logs"))) {
                        while (rs.next()) {
                            rows.add(Map.of("id", rs.getString(1), "n", rs.getLong(2)));
                        }
                    }
                }
            }
            Map<String, Long> stored = new HashMap<>();
            for (Map<String, Object> row : rows) {
                stored.put(String.valueOf(row.get("id")), ((Number) row.get("n")).longValue());
            }
            return stored;
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void everyAcknowledgedRecordIsStoredExactlyOnceAfterRepeatedKillMinusNine(Target target) throws Exception {
        Path config = dir.resolve("durable.yaml");
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
                    wal_segment_bytes: 256KiB
                    seal_max_age: 200ms
                exporters:
                %s
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [batch], exporters: [%s]}
                """.formatted(target.exporterYaml.replace("{dir}", dir.toString()).stripTrailing(), target.exporterId));
        Random random = new Random();
        List<String> outputs = new ArrayList<>();
        int round = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            try (CollectorProcess collector = CollectorProcess.start(jar, dir, "--config", config.toString())) {
                URI logs = URI.create(collector.awaitLine("\\(http\\) listening on (http://\\S+)", STARTUP) + "/v1/logs");
                round++;
                AtomicBoolean stop = new AtomicBoolean();
                int before = acknowledged.size();
                List<Thread> clients = startClients(logs, "r" + round, stop);
                // A cold JVM on a busy machine may take seconds to answer its first request: the
                // random moment is counted from the round's first acknowledgement, so every kill
                // hits a collector under load with acknowledged records at stake.
                awaitMoreThan(before, collector);
                sleepQuietly(200 + random.nextInt(1500));
                collector.kill(); // while the clients are still sending
                stop.set(true);
                for (Thread client : clients) {
                    client.join(STARTUP.toMillis());
                }
                collector.awaitExit(STARTUP);
                outputs.add(collector.output());
            }
        }
        try (CollectorProcess collector = CollectorProcess.start(jar, dir, "--config", config.toString())) {
            collector.awaitLine("is running", STARTUP);
            collector.terminate();
            assertEquals(0, collector.awaitExit(STARTUP), collector.output());
            assertTrue(collector.output().contains("every accepted row was sealed"), collector.output());
            outputs.add(collector.output());
        }
        // with a 200 ms seal age under continuous load, a kill practically always leaves a logged window
        assertTrue(outputs.stream().anyMatch(o -> o.contains("replaying")), "no restart replayed the log");
        System.out.println("durable kill -9 test: " + acknowledged.size() + " acknowledged records");

        Map<String, Long> stored = target.storedIds(dir);
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (String id : acknowledged) {
            Long n = stored.get(id);
            if (n == null) {
                missing.add(id);
            } else if (n != 1) {
                duplicated.add(id + " x" + n);
            }
        }
        assertEquals(List.of(), missing.subList(0, Math.min(20, missing.size())),
                missing.size() + " acknowledged records are missing of " + acknowledged.size());
        assertEquals(List.of(), duplicated.subList(0, Math.min(20, duplicated.size())),
                duplicated.size() + " acknowledged records are stored more than once");
        for (Map.Entry<String, Long> e : stored.entrySet()) {
            assertEquals(1L, e.getValue(), "record " + e.getKey() + " (unacknowledged ones may be absent, never doubled)");
        }
    }

    private void awaitMoreThan(int acknowledgedBefore, CollectorProcess collector) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (acknowledged.size() <= acknowledgedBefore) {
            assertTrue(System.nanoTime() < deadline, "no request was acknowledged within " + STARTUP + ":\n"
                    + collector.output());
            Thread.sleep(20);
        }
    }

    private List<Thread> startClients(URI logs, String round, AtomicBoolean stop) {
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String prefix = round + "c" + c;
            Thread t = new Thread(() -> post(logs, prefix, stop), "client-" + prefix);
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
        return clients;
    }

    private void post(URI logs, String prefix, AtomicBoolean stop) {
        for (int request = 0; !stop.get(); request++) {
            String tag = prefix + "q" + request;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(logs).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(OtlpHttpPoster.logs(RECORDS_PER_REQUEST, 0, tag)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
                        acknowledged.add(tag + "-" + i);
                    }
                }
            } catch (Exception e) {
                // Not acknowledged: the collector died under us (the round ends), or a cold
                // collector was slow to answer (keep sending).
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
