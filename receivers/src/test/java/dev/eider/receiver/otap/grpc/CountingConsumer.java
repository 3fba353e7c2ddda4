package dev.eider.receiver.otap.grpc;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipeline stand-in for one signal: accepts {@code Authorization: Bearer <token>} or
 * {@code x-api-key: <token>}, can refuse admission, counts the rows it is handed per table and
 * releases the batches at once.
 */
final class CountingConsumer implements SignalConsumer {
    private final Signal signal;
    private final String token;
    private final Map<Table, Long> rows = new ConcurrentHashMap<>();
    private final AtomicInteger openAdmissions = new AtomicInteger();
    private volatile boolean refuseAdmission;

    CountingConsumer(Signal signal, String token) {
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
        if (refuseAdmission) {
            throw RejectedException.overloaded("buffer full", Duration.ofSeconds(1));
        }
        openAdmissions.incrementAndGet();
        return new Admission() {
            private boolean closed;

            @Override
            public long reservedBytes() {
                return encodedBytes;
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
    public Accepted consume(Admission admission, TableBatches batches) {
        try (admission; batches) {
            for (TableBatch batch : batches.batches()) {
                rows.merge(batch.table(), (long) batch.rowCount(), Long::sum);
            }
            return new Accepted(batches.rowCount(), batches.batches().size(), batches.rejectedRows(),
                    batches.rejectionMessage());
        }
    }

    @Override
    public boolean ready() {
        return true;
    }

    long rows(Table table) {
        return rows.getOrDefault(table, 0L);
    }

    /** Admissions neither consumed nor released: 0 once every message is answered. */
    int openAdmissions() {
        return openAdmissions.get();
    }

    void refuseAdmission(boolean refuse) {
        refuseAdmission = refuse;
    }
}
