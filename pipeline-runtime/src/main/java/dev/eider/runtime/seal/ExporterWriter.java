package dev.eider.runtime.seal;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Exporter;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of one exporter instance (rule 3): one thread that serializes the seals of
 * every pipeline routed into the exporter, so the exporter never sees two seals at once. The
 * thread also keeps the pipelines' age triggers and retry backoffs, so the seal engine needs no
 * other threads.
 *
 * <p>Lifecycle: {@link #start()} before the pipelines start; {@link #stop()} after the last
 * pipeline drained. The exporter's own start and shutdown stay with the caller.
 */
public final class ExporterWriter {
    private static final System.Logger LOG = System.getLogger(ExporterWriter.class.getName());

    private final ComponentId id;
    private final Exporter exporter;
    private final RetryBackoff backoff;
    private final CopyOnWriteArrayList<PipelineBuffer> pipelines = new CopyOnWriteArrayList<>();
    // Lock order: a pipeline's lock may be held while taking this lock, never the reverse.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    private boolean signalled;
    private boolean running;
    private Thread thread;

    public ExporterWriter(ComponentId id, Exporter exporter) {
        this(id, exporter, RetryBackoff.DEFAULT);
    }

    public ExporterWriter(ComponentId id, Exporter exporter, RetryBackoff backoff) {
        this.id = Objects.requireNonNull(id, "id");
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    public ComponentId id() {
        return id;
    }

    public Exporter exporter() {
        return exporter;
    }

    public RetryBackoff backoff() {
        return backoff;
    }

    /** Starts the writer thread. */
    public void start() {
        lock.lock();
        try {
            if (thread != null) {
                throw new IllegalStateException("writer of exporter " + id + " was already started");
            }
            running = true;
            thread = new Thread(this::run, "eider-seal-writer-" + id);
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the writer thread once its current seal (if any) is done; work still pending is left
     * to the pipelines' drain, which must come first. Idempotent.
     */
    public void stop() {
        Thread toJoin;
        lock.lock();
        try {
            running = false;
            wakeup.signalAll();
            toJoin = thread;
        } finally {
            lock.unlock();
        }
        if (toJoin == null || toJoin == Thread.currentThread()) {
            return;
        }
        try {
            toJoin.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void attach(PipelineBuffer pipeline) {
        pipelines.addIfAbsent(pipeline);
        wake();
    }

    void detach(PipelineBuffer pipeline) {
        pipelines.remove(pipeline);
    }

    /** Tells the thread that a pipeline may have work for it. */
    void wake() {
        lock.lock();
        try {
            signalled = true;
            wakeup.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        int nextStart = 0;
        while (true) {
            lock.lock();
            try {
                if (!running) {
                    return;
                }
                // Cleared before the scan: a wake during the scan makes the wait below skip.
                signalled = false;
            } finally {
                lock.unlock();
            }
            PipelineBuffer[] snapshot = pipelines.toArray(new PipelineBuffer[0]);
            long waitNanos = Long.MAX_VALUE;
            boolean sealed = false;
            for (int i = 0; i < snapshot.length && !sealed; i++) {
                // Round robin, so one busy pipeline cannot starve the others on this exporter.
                int at = (nextStart + i) % snapshot.length;
                long due = snapshot[at].nanosUntilWork(this, System.nanoTime());
                if (due <= 0) {
                    sealed = snapshot[at].sealOn(this);
                    nextStart = at + 1;
                } else {
                    waitNanos = Math.min(waitNanos, due);
                }
            }
            if (!sealed && !await(waitNanos)) {
                return;
            }
        }
    }

    /** Waits for a wake or the next deadline; false when the thread should end. */
    private boolean await(long nanos) {
        lock.lock();
        try {
            if (running && !signalled) {
                if (nanos == Long.MAX_VALUE) {
                    wakeup.await();
                } else {
                    wakeup.awaitNanos(nanos);
                }
            }
            return true;
        } catch (InterruptedException e) {
            LOG.log(System.Logger.Level.WARNING, "seal writer of exporter {0} was interrupted; it stops", id);
            running = false;
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ExporterWriter[" + id + "]";
    }
}
