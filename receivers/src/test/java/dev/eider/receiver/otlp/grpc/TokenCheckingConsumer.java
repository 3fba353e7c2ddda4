package dev.eider.receiver.otlp.grpc;

import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipeline stand-in for one signal: accepts {@code Authorization: Bearer <token>} or
 * {@code x-api-key: <token>}, can refuse admission, counts the rows it is handed per table and
 * releases everything at once. Optionally holds {@link #consume} until a gate opens.
 */
final class TokenCheckingConsumer implements SignalConsumer {
    private final Signal signal;
    private final String token;
    private final Map<Table, Long> rows = new ConcurrentHashMap<>();
    private final AtomicInteger admissions = new AtomicInteger();
    private final AtomicInteger openAdmissions = new AtomicInteger();
    private volatile boolean refuseAdmission;
    private volatile CountDownLatch consumeGate;
    private final CountDownLatch consumeEntered = new CountDownLatch(1);

    TokenCheckingConsumer(Signal signal, String token) {
        this.signal = signal;
        this.token = token;
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void checkRequest(RequestMetadata metadata) throws RejectedException {
        String authorization = metadata.header("authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.substring(7).equals(token);
        if (!bearer && !token.equals(metadata.header("x-api-key"))) {
            throw new RejectedException(RejectedException.Reason.UNAUTHENTICATED, "missing or invalid token");
        }
    }

    @Override
    public Admission admit(long encodedBytes) throws RejectedException {
        admissions.incrementAndGet();
        if (refuseAdmission) {
            throw RejectedException.overloaded("buffer full", Duration.ofSeconds(3));
        }
        openAdmissions.incrementAndGet();
        return new Admission() {
            private boolean closed;

            @Override
            public long reservedBytes() {
                return Math.max(encodedBytes, 1024);
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    openAdmissions.decrementAndGet();
                }
            }
        };
    }

    @Override
    public Accepted consume(Admission admission, TableBatches batches) throws RejectedException {
        try (admission; batches) {
            consumeEntered.countDown();
            CountDownLatch gate = consumeGate;
            if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                throw new RejectedException(RejectedException.Reason.INTERNAL, "test gate never opened");
            }
            for (TableBatch batch : batches.batches()) {
                rows.merge(batch.table(), (long) batch.rowCount(), Long::sum);
            }
            return new Accepted(batches.rowCount(), batches.batches().size(), batches.rejectedRows(),
                    batches.rejectionMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedException(RejectedException.Reason.UNAVAILABLE, "interrupted");
        }
    }

    @Override
    public boolean ready() {
        return true;
    }

    long rows(Table table) {
        return rows.getOrDefault(table, 0L);
    }

    long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    int admissions() {
        return admissions.get();
    }

    /** Admissions neither consumed nor released: must be 0 once a request is answered. */
    int openAdmissions() {
        return openAdmissions.get();
    }

    void refuseAdmission() {
        refuseAdmission = true;
    }

    /** Makes the next consume wait until {@code gate} opens. */
    void holdConsume(CountDownLatch gate) {
        consumeGate = gate;
    }

    boolean awaitConsumeEntered() throws InterruptedException {
        return consumeEntered.await(30, TimeUnit.SECONDS);
    }
}
