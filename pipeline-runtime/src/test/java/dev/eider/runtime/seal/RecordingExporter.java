package dev.eider.runtime.seal;

import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seal target for tests: records what each successful seal carried (row ids, batches per
 * table), can be told to fail, and can hold seals at a gate. Also checks that it never sees two
 * seals at once (rule 3).
 */
final class RecordingExporter implements Exporter {
    /** What one successful seal carried; row ids are read from the batches while they are alive. */
    record Sealed(String pipelineId, long sequence, Map<Table, Integer> batchesPerTable, List<String> ids,
            boolean maintenanceAllowed) {}

    private final List<Sealed> sealed = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile String failingWith;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile SealTiming timing = SealTiming.NONE;

    @Override
    public SealTiming seal(Seal seal) throws Exception {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            attempts.incrementAndGet();
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate was never opened");
            }
            String failure = failingWith;
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected failure");
            }
            Map<Table, Integer> batches = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>();
            seal.tables().forEach((table, list) -> {
                batches.put(table, list.size());
                for (TableBatch b : list) {
                    ids.addAll(TestRows.ids(b));
                }
            });
            synchronized (sealed) {
                sealed.add(new Sealed(seal.pipelineId(), seal.sequence(), batches, ids,
                        seal.maintenanceAllowed()));
            }
            return timing;
        } finally {
            concurrent.decrementAndGet();
        }
    }

    void failWith(String message) {
        failingWith = message;
    }

    void heal() {
        failingWith = null;
    }

    void failNext(int count) {
        failNext.set(count);
    }

    /** Holds every seal until {@link #open()}. */
    void closeGate() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    void reportTiming(SealTiming timing) {
        this.timing = timing;
    }

    int attempts() {
        return attempts.get();
    }

    int maxConcurrentSeals() {
        return maxConcurrent.get();
    }

    List<Sealed> seals() {
        synchronized (sealed) {
            return List.copyOf(sealed);
        }
    }

    /** Every row id committed here, in commit order. */
    List<String> committedIds() {
        List<String> ids = new ArrayList<>();
        for (Sealed s : seals()) {
            ids.addAll(s.ids());
        }
        return ids;
    }

    List<String> committedIds(String pipelineId) {
        List<String> ids = new ArrayList<>();
        for (Sealed s : seals()) {
            if (s.pipelineId().equals(pipelineId)) {
                ids.addAll(s.ids());
            }
        }
        return ids;
    }
}
