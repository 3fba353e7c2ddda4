package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.table.Table;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seal contract end to end (docs/seal-contract.md) with the real HTTP receiver and a real
 * DuckDB file: backpressure instead of loss, graceful stop under load, flush racing stop, and a
 * failing target that recovers.
 */
class SealContractTest {
    private static final String TOKEN = "seal-contract-token-0123";

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(12);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private String config(Path db, String batch) {
        return """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                processors:
                  auth:
                    token: %s
                  batch: %s
                exporters:
                  duckdb:
                    path: %s
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [auth, batch], exporters: [duckdb]}
                """.formatted(TOKEN, batch, db);
    }

    /** Posts from many threads until told to stop; counts rows of 202 answers and 503 answers. */
    private final class Load {
        final AtomicLong acceptedRows = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Future<?>> workers = new ArrayList<>();

        Load(OtlpHttpPoster poster, int threads, int requestsPerThread, int records, int bodyBytes) {
            for (int t = 0; t < threads; t++) {
                String tag = "t" + t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < requestsPerThread && running.get(); i++) {
                        HttpResponse<String> r;
                        try {
                            r = poster.post(OtlpHttpPoster.logs(records, bodyBytes, tag + "-" + i));
                        } catch (java.io.IOException e) {
                            return null; // the listener closed: nothing was accepted
                        }
                        if (r.statusCode() == 503) {
                            assertNotNull(r.headers().firstValue("Retry-After").orElse(null), "503 without Retry-After");
                            refused.incrementAndGet();
                        } else {
                            acceptedRows.addAndGet(OtlpHttpPoster.acceptedRows(r));
                        }
                    }
                    return null;
                }));
            }
        }

        void await() throws Exception {
            for (Future<?> f : workers) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void backpressureRefusesWithRetryAfterAndLosesNoAcceptedRow() throws Exception {
        Path db = dir.resolve("bp.duckdb");
        Load load;
        try (RunningCollector collector = RunningCollector.start(config(db,
                "{max_buffered_bytes: 64KiB, seal_target_bytes: 64KiB, seal_max_age: 1s}"))) {
            OtlpHttpPoster poster = new OtlpHttpPoster(collector.port("otlp", "http"), TOKEN);
            load = new Load(poster, 12, 20, 20, 400);
            load.await();
            assertTrue(collector.stop().clean());
        }
        assertTrue(load.refused.get() > 0, "a 64 KiB buffer under 12 concurrent writers must refuse some requests");
        assertTrue(load.acceptedRows.get() > 0);
        assertEquals(load.acceptedRows.get(), DuckDbRows.count(db, "otlp_logs"));
    }

    @Test
    void gracefulStopUnderLoadSealsEveryAcceptedRow() throws Exception {
        Path db = dir.resolve("stop.duckdb");
        Load load;
        try (RunningCollector collector = RunningCollector.start(config(db, "{seal_max_age: 10s}"))) {
            OtlpHttpPoster poster = new OtlpHttpPoster(collector.port("otlp", "http"), TOKEN);
            load = new Load(poster, 8, 1_000_000, 10, 100);
            while (load.acceptedRows.get() < 2_000) {
                Thread.sleep(10);
            }
            assertTrue(collector.stop().clean(), "stop under load must seal everything");
            load.running.set(false);
            load.await();
        }
        assertEquals(load.acceptedRows.get(), DuckDbRows.count(db, "otlp_logs"));
    }

    @Test
    void flushRacingStopFinishesBothAndLosesNothing() throws Exception {
        Path db = dir.resolve("race.duckdb");
        Load load;
        try (RunningCollector collector = RunningCollector.start(config(db, "{seal_max_age: 10s}"))) {
            OtlpHttpPoster poster = new OtlpHttpPoster(collector.port("otlp", "http"), TOKEN);
            load = new Load(poster, 4, 50, 10, 100);
            load.await();
            Future<FlushResult> flush = pool.submit(() -> collector.collector().flush(Optional.empty()));
            Future<Boolean> stop = pool.submit(() -> collector.stop().clean());
            assertTrue(stop.get(60, TimeUnit.SECONDS));
            FlushResult result = flush.get(60, TimeUnit.SECONDS);
            assertNotNull(result.status());
        }
        assertEquals(load.acceptedRows.get(), DuckDbRows.count(db, "otlp_logs"));
    }

    @Test
    void aDroppedTableKeepsRowsBufferedTurnsNotReadyAndRecovers() throws Exception {
        Path db = dir.resolve("fail.duckdb");
        long accepted = 0;
        try (RunningCollector collector = RunningCollector.start(config(db, "{seal_max_age: 100ms}"))) {
            OtlpHttpPoster poster = new OtlpHttpPoster(collector.port("otlp", "http"), TOKEN);
            // the driver shares one database instance per file within a process, so this
            // connection sees (and breaks) the exporter's own tables
            try (Connection sabotage = DriverManager.getConnection("jdbc:duckdb:" + db);
                 Statement s = sabotage.createStatement()) {
                s.execute("DROP TABLE otlp_logs");
                for (int i = 0; i < 5; i++) {
                    accepted += OtlpHttpPoster.acceptedRows(poster.post(OtlpHttpPoster.logs(10, 50, "f" + i)));
                }
                FlushResult failed = collector.collector().flush(Optional.empty());
                assertNotNull(failed.error(), "a flush into a dropped table must report the error");
                awaitReady(collector, false);
                assertFalse(collector.collector().seals().stream().allMatch(r -> r.success()));
                assertTrue(collector.collector().pipelines().get(0).bufferedRows() > 0, "rows stay buffered");

                s.execute(Table.LOGS.createTableSql("otlp_logs"));
                awaitReady(collector, true);
            }
            FlushResult ok = collector.collector().flush(Optional.empty());
            assertEquals(null, ok.error());
            assertTrue(collector.stop().clean());
        }
        assertEquals(accepted, DuckDbRows.count(db, "otlp_logs"));
    }

    private static void awaitReady(RunningCollector collector, boolean expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (collector.collector().ready() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("readiness did not become " + expected + ": " + collector.collector().pipelines());
            }
            Thread.sleep(20);
        }
    }
}
