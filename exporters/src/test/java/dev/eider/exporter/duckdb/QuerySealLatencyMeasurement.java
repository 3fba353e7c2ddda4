package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.seal.SealRecord;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures seal durations with and without heavy queries running (docs/queries.md, "Effect on
 * sealing"). A measurement, not a test: it runs only with -Deider.measure=true and prints numbers.
 */
class QuerySealLatencyMeasurement {
    private static final int ROWS_PER_SEAL = 2_000;
    private static final int SEALS_PER_PHASE = 100;
    private static final String HEAVY_QUERY = "SELECT service_name, count(*), sum(hash(body || r.range))"
            + " FROM otlp_logs, range(200) r GROUP BY service_name";

    @TempDir
    Path dir;

    @Test
    void sealDurationsIdleAndUnderHeavyQueries() throws Exception {
        assumeTrue(Boolean.getBoolean("eider.measure"), "run with -Deider.measure=true");
        try (BufferAllocator allocator = new RootAllocator();
                LiveCollector live = new LiveCollector(dir.resolve("eider.duckdb"), allocator)) {
            int serial = 0;
            for (int i = 0; i < 20; i++) { // warm-up and a table worth scanning
                live.send(Signal.LOGS, logs(allocator, serial));
                live.flush();
                serial += ROWS_PER_SEAL;
            }
            System.out.println("idle phase");
            List<SealRecord> idle = seals(live, allocator, serial);
            serial += SEALS_PER_PHASE * ROWS_PER_SEAL;

            AtomicBoolean querying = new AtomicBoolean(true);
            AtomicInteger queries = new AtomicInteger();
            List<Long> queryMillis = new ArrayList<>();
            Thread heavy = new Thread(() -> {
                while (querying.get()) {
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> response = live.query(HEAVY_QUERY);
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.body());
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    synchronized (queryMillis) {
                        queryMillis.add((System.nanoTime() - started) / 1_000_000);
                    }
                    queries.incrementAndGet();
                }
            }, "heavy-query");
            heavy.start();
            Thread.sleep(500); // let the first query get going before the seals are timed
            System.out.println("heavy query phase");
            List<SealRecord> loaded = seals(live, allocator, serial);
            querying.set(false);
            heavy.join();

            System.out.println("seal duration_ms (append+commit), " + ROWS_PER_SEAL + " rows per seal, "
                    + SEALS_PER_PHASE + " seals per phase");
            System.out.println("idle:         " + summary(idle));
            System.out.println("heavy query:  " + summary(loaded));
            System.out.println("heavy queries run: " + queries.get() + ", each " + summaryOf(queryMillis) + " ms");
        }
    }

    /** Seals one phase; a seal whose commit shrank the WAL ran DuckDB's automatic checkpoint. */
    private List<SealRecord> seals(LiveCollector live, BufferAllocator allocator, int firstSerial) throws Exception {
        List<SealRecord> out = new ArrayList<>();
        List<Long> checkpointing = new ArrayList<>();
        for (int i = 0; i < SEALS_PER_PHASE; i++) {
            live.send(Signal.LOGS, logs(allocator, firstSerial + i * ROWS_PER_SEAL));
            long walBefore = walBytes();
            live.flush();
            List<SealRecord> history = live.collector.seals();
            SealRecord seal = history.get(history.size() - 1);
            out.add(seal);
            if (walBytes() < walBefore) {
                checkpointing.add(seal.durationMs());
            }
        }
        System.out.println("  seals that checkpointed (duration_ms): " + checkpointing);
        return out;
    }

    private long walBytes() throws java.io.IOException {
        Path wal = dir.resolve("eider.duckdb.wal");
        return java.nio.file.Files.exists(wal) ? java.nio.file.Files.size(wal) : 0;
    }

    private static String summary(List<SealRecord> seals) {
        List<Long> total = seals.stream().map(SealRecord::durationMs).toList();
        List<Long> append = seals.stream().map(SealRecord::appendDurationMs).toList();
        List<Long> commit = seals.stream().map(SealRecord::commitDurationMs).toList();
        return "duration " + summaryOf(total) + " | append " + summaryOf(append) + " | commit " + summaryOf(commit);
    }

    private static String summaryOf(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "none";
        }
        return "p50 " + sorted.get(sorted.size() / 2) + ", p95 " + sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)
                + ", max " + sorted.get(sorted.size() - 1);
    }

    private static TableBatch logs(BufferAllocator allocator, int firstSerial) {
        Table table = Table.LOGS;
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (int r = 0; r < ROWS_PER_SEAL; r++) {
                int serial = firstSerial + r;
                builder.startRow();
                builder.setTimestampNanos(table.columnIndex("time_unix_nano"), System.currentTimeMillis() * 1_000_000L);
                builder.setString(table.columnIndex("service_name"), "svc-" + serial % 7);
                builder.setInt(table.columnIndex("severity_number"), 9);
                builder.setString(table.columnIndex("body"), "request " + serial + " served in " + serial % 97 + " ms");
                builder.setString(table.columnIndex("log_attributes"), "{\"http.route\":\"/orders/" + serial % 13 + "\"}");
            }
            return builder.build();
        }
    }
}
