package dev.eider.distribution;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged records per second over OTLP/HTTP into DuckDB, {@code ack: buffered} against
 * {@code ack: durable} (docs/performance.md). A measurement, not a test: it runs only with
 * -Deider.measure=true and prints numbers. The temporary directory must be on a real disk
 * (fsync on tmpfs costs nothing).
 */
class DurableThroughputMeasurement {
    private static final int CLIENTS = 8;
    private static final int RECORDS_PER_REQUEST = 100;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration PHASE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void bufferedAgainstDurable() throws Exception {
        assumeTrue(Boolean.getBoolean("eider.measure"), "run with -Deider.measure=true");
        List<String> results = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String ack : List.of("buffered", "durable")) {
                double rate = measure(ack, round);
                results.add(String.format("round %d ack: %-8s %,10.0f records/s acknowledged", round, ack, rate));
                System.out.println(results.get(results.size() - 1));
            }
        }
        results.forEach(System.out::println);
    }

    private double measure(String ack, int round) throws Exception {
        String name = ack + round;
        String yaml = """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                processors:
                  batch:
                    ack: %s
                    wal_dir: %s
                exporters:
                  duckdb:
                    path: %s
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [batch], exporters: [duckdb]}
                """.formatted(ack, dir.resolve("wal-" + name), dir.resolve(name + ".duckdb"));
        try (RunningCollector collector = RunningCollector.start(yaml)) {
            URI logs = URI.create("http://localhost:" + collector.port("otlp", "http") + "/v1/logs");
            run(logs, WARM_UP);
            long records = run(logs, PHASE);
            return records / (PHASE.toNanos() / 1e9);
        }
    }

    /** Posts from {@link #CLIENTS} threads for {@code duration}; answers the records acknowledged. */
    private static long run(URI logs, Duration duration) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String body = OtlpHttpPoster.logs(RECORDS_PER_REQUEST, 100, "m");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acknowledged = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(logs)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202) {
                            acknowledged.addAndGet(RECORDS_PER_REQUEST);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread t : clients) {
            t.join();
        }
        return acknowledged.get();
    }
}
