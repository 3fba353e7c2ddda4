package dev.eider.runtime.testkit;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.TableBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SignalConsumer} for component tests: runs the given processors like a pipeline does,
 * keeps every consumed request's batches for assertions, and can refuse admission or report
 * itself not ready. Consumed admissions are released at once (there is no seal here), so
 * {@link #openAdmissions()} counts reservations a receiver leaked. Thread-safe. Close it to free
 * the captured batches.
 */
public final class CapturingConsumer implements SignalConsumer, AutoCloseable {
    private final Signal signal;
    private final List<Processor> processors;
    private final List<TableBatches> captured = new ArrayList<>();
    private final List<RequestMetadata> checkedRequests = new ArrayList<>();
    private final AtomicLong openAdmissions = new AtomicLong();
    private final AtomicLong admittedBytes = new AtomicLong();
    private volatile Duration refuseAdmissionFor;
    private volatile boolean ready = true;

    public CapturingConsumer(Signal signal, List<Processor> processors) {
        this.signal = signal;
        this.processors = List.copyOf(processors);
    }

    public CapturingConsumer(Signal signal) {
        this(signal, List.of());
    }

    /** From now on refuse every admission with OVERLOADED and this Retry-After; null admits again. */
    public void refuseAdmission(Duration retryAfter) {
        this.refuseAdmissionFor = retryAfter;
    }

    public void setReady(boolean ready) {
        this.ready = ready;
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void checkRequest(RequestMetadata metadata) throws RejectedException {
        synchronized (this) {
            checkedRequests.add(metadata);
        }
        for (Processor p : processors) {
            p.checkRequest(metadata);
        }
    }

    @Override
    public Admission admit(long encodedBytes) throws RejectedException {
        Duration refuse = refuseAdmissionFor;
        if (refuse != null) {
            throw RejectedException.overloaded("test consumer refuses admission", refuse);
        }
        long reserved = Math.max(encodedBytes, 1024);
        openAdmissions.incrementAndGet();
        admittedBytes.addAndGet(encodedBytes);
        return new Admission() {
            private boolean closed;

            @Override
            public long reservedBytes() {
                return reserved;
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
        try (admission) {
            TableBatches current = batches;
            try {
                for (Processor p : processors) {
                    current = p.process(current);
                }
            } catch (RejectedException | RuntimeException e) {
                current.close();
                throw e;
            }
            synchronized (this) {
                captured.add(current);
            }
            return new Accepted(current.rowCount(), current.batches().size(),
                    current.rejectedRows(), current.rejectionMessage());
        }
    }

    @Override
    public boolean ready() {
        return ready;
    }

    /** Every consumed request's batches, in arrival order. */
    public synchronized List<TableBatches> captured() {
        return List.copyOf(captured);
    }

    /** Rows consumed so far, over all requests. */
    public synchronized long rows() {
        long rows = 0;
        for (TableBatches b : captured) {
            rows += b.rowCount();
        }
        return rows;
    }

    /** The metadata of every request that reached {@link #checkRequest}. */
    public synchronized List<RequestMetadata> checkedRequests() {
        return List.copyOf(checkedRequests);
    }

    /** Admissions handed out and not yet closed or consumed. */
    public long openAdmissions() {
        return openAdmissions.get();
    }

    /** Sum of the encoded sizes passed to {@link #admit}. */
    public long admittedBytes() {
        return admittedBytes.get();
    }

    @Override
    public synchronized void close() {
        captured.forEach(TableBatches::close);
        captured.clear();
    }
}
