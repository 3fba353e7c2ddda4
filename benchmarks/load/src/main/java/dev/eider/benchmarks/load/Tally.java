package dev.eider.benchmarks.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** What one sending thread saw, merged into the run's result at the end (no shared counters). */
final class Tally {
    long requests;
    long attemptedRecords;
    long acceptedRecords;
    long rejectedRecords;
    long wireBytes;
    final Map<String, Long> statuses = new TreeMap<>();
    private long[] latenciesNanos = new long[1024];
    private int latencyCount;

    void add(Payload payload, Outcome outcome, long latencyNanos) {
        requests++;
        attemptedRecords += payload.records();
        wireBytes += payload.body().length;
        if (outcome.accepted()) {
            acceptedRecords += payload.records() - outcome.rejectedRecords();
            rejectedRecords += outcome.rejectedRecords();
        } else {
            rejectedRecords += payload.records();
        }
        statuses.merge(outcome.status(), 1L, Long::sum);
        if (latencyCount == latenciesNanos.length) {
            latenciesNanos = Arrays.copyOf(latenciesNanos, latencyCount * 2);
        }
        latenciesNanos[latencyCount++] = latencyNanos;
    }

    void addAll(Tally other) {
        requests += other.requests;
        attemptedRecords += other.attemptedRecords;
        acceptedRecords += other.acceptedRecords;
        rejectedRecords += other.rejectedRecords;
        wireBytes += other.wireBytes;
        other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        if (latencyCount + other.latencyCount > latenciesNanos.length) {
            latenciesNanos = Arrays.copyOf(latenciesNanos, latencyCount + other.latencyCount);
        }
        System.arraycopy(other.latenciesNanos, 0, latenciesNanos, latencyCount, other.latencyCount);
        latencyCount += other.latencyCount;
    }

    /** Latency quantile in milliseconds (nearest rank), 0 when nothing was sent. */
    double latencyMillis(double quantile) {
        if (latencyCount == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(latenciesNanos, latencyCount);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * latencyCount) - 1;
        return sorted[Math.max(0, Math.min(rank, latencyCount - 1))] / 1e6;
    }
}
