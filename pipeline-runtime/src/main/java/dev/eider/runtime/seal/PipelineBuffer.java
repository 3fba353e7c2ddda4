package dev.eider.runtime.seal;

import dev.eider.runtime.component.MaintainedExporter;
import dev.eider.runtime.component.PositionTrackingExporter;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import dev.eider.runtime.wal.TableBatchesCodec;
import dev.eider.runtime.wal.WalFullException;
import dev.eider.runtime.wal.WalRecord;
import dev.eider.runtime.wal.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The seal buffer of one pipeline (docs/seal-contract.md, rules 1-8). Request threads
 * {@link #admit} and {@link #add}; the pipeline's {@link ExporterWriter}s seal the buffered
 * requests, each exporter at its own pace; admin threads {@link #flush}, {@link #drain} and read
 * {@link #status}.
 *
 * <p>Accepted requests are kept in arrival order, each with an index. A trigger (size, age,
 * flush, drain) moves {@code requestedUpTo} to the end of the buffer; each exporter then seals
 * the requests from its own {@link ExporterProgress#committedUpTo} to {@code requestedUpTo} in
 * one seal, so windows that piled up while its writer was busy are merged, and requests it
 * already committed are never written to it again. A request is freed, and its reservation
 * released, once every exporter committed it. The size trigger counts the reservations of
 * requests added since the last trigger; the age trigger watches the oldest of them.
 *
 * <p>Counters in {@link #status()}: {@code seals_total} and {@code seal_failures_total} add up
 * the attempts on every exporter; {@code committed_rows_total} counts rows committed on every
 * exporter of the pipeline.
 *
 * <p>With {@code ack: durable} every request is also appended to the pipeline's
 * {@link WriteAheadLog} and fsynced before {@link #add} returns; a request's index is its log
 * position, so a seal's {@link WalRange} is the range of indices it covers. {@link #start}
 * replays the logged requests an exporter does not hold yet, and log segments are deleted once
 * every exporter committed them. With a log, a failed seal is retried with the same range (see
 * {@link PositionTrackingExporter}); without one, its retry also takes the requests that arrived
 * meanwhile. With {@code ack: committed} {@link #add} returns once the request is committed on
 * every exporter.
 */
public final class PipelineBuffer implements AutoCloseable {
    /** The smallest reservation, so that tiny requests still count against the cap. */
    public static final long MIN_RESERVATION_BYTES = 1024;
    public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(30);
    /** Readiness turns false once an exporter's last good seal is this many max-age cycles old. */
    static final int STALE_SEAL_CYCLES = 3;

    private static final System.Logger LOG = System.getLogger(PipelineBuffer.class.getName());

    private enum State { NEW, RUNNING, DRAINING, STOPPED }

    private final String pipelineId;
    private final SealSettings settings;
    private final Durability durability;
    private final BufferAllocator allocator;
    private final List<ExporterWriter> writers;
    private final List<String> exporterIds;
    private final SealHistory history;
    private final Duration flushTimeout;
    private final Duration retryAfter;
    private final int promotedColumns;
    private final Map<ExporterWriter, ExporterProgress> progress = new IdentityHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a seal completes or a pending admission resolves. */
    private final Condition changed = lock.newCondition();

    // Everything below is guarded by lock.
    private final ArrayDeque<BufferedRequest> buffered = new ArrayDeque<>();
    private State state = State.NEW;
    private boolean closed;
    private long nextIndex;
    private long requestedUpTo;
    /** The end of the last flush's or drain's request: seals up to there are waited on. */
    private long explicitUpTo;
    private long windowBytes;
    private long windowStartNanos;
    private boolean windowOpen;
    private long reservedBytes;
    private int pendingAdmissions;
    private long bufferedRows;
    private long bufferedHeapBytes;
    private long sealSequence;
    private long sealsTotal;
    private long sealFailuresTotal;
    private long committedRowsTotal;
    private String lastFailure;
    /** Open while running with {@code ack: durable}. */
    private WriteAheadLog wal;

    public PipelineBuffer(String pipelineId, SealSettings settings, List<ExporterWriter> writers, SealHistory history) {
        this(pipelineId, settings, writers, history, DEFAULT_FLUSH_TIMEOUT, 0);
    }

    /**
     * As above, with the bound on how long {@link #flush()} waits for a failing target and the
     * number of attribute columns the pipeline's processors promote (reported in {@link #status()}).
     */
    public PipelineBuffer(String pipelineId, SealSettings settings, List<ExporterWriter> writers, SealHistory history,
            Duration flushTimeout, int promotedColumns) {
        this(pipelineId, settings, Durability.BUFFERED, writers, history, flushTimeout, null, promotedColumns);
    }

    /**
     * As above, acknowledging as {@code durability} says; {@code allocator} (the batches' root
     * allocator) receives replayed rows and may be null unless the mode logs.
     */
    public PipelineBuffer(String pipelineId, SealSettings settings, Durability durability, List<ExporterWriter> writers,
            SealHistory history, Duration flushTimeout, BufferAllocator allocator, int promotedColumns) {
        this.pipelineId = Objects.requireNonNull(pipelineId, "pipelineId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.durability = Objects.requireNonNull(durability, "durability");
        if (durability.logged()) {
            Objects.requireNonNull(allocator, "allocator");
        }
        this.allocator = allocator;
        this.history = Objects.requireNonNull(history, "history");
        this.flushTimeout = Objects.requireNonNull(flushTimeout, "flushTimeout");
        this.promotedColumns = promotedColumns;
        this.writers = List.copyOf(writers);
        if (this.writers.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + pipelineId + " has no exporter to seal into");
        }
        for (ExporterWriter w : this.writers) {
            if (progress.put(w, new ExporterProgress(w)) != null) {
                throw new IllegalArgumentException("pipeline " + pipelineId + " lists exporter " + w.id() + " twice");
            }
        }
        this.exporterIds = this.writers.stream().map(w -> w.id().toString()).toList();
        long ageMs = settings.sealMaxAge().toMillis();
        this.retryAfter = Duration.ofMillis(Math.min(Math.max(ageMs, 1_000), 30_000));
    }

    public String pipelineId() {
        return pipelineId;
    }

    public SealSettings settings() {
        return settings;
    }

    public Durability durability() {
        return durability;
    }

    /** This pipeline's log directory under {@code wal_dir}. */
    public Path walDirectory() {
        return durability.walDir().resolve(pipelineId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * Opens the buffer for admissions and hands it to its writers. With {@code ack: durable} it
     * first opens the log and buffers the logged requests some exporter does not hold yet, so they
     * are sealed before anything new; the exporters must be started. Throws
     * UncheckedIOException when the log cannot be opened or read.
     */
    public void start() {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("pipeline " + pipelineId + " buffer was already started");
            }
            if (durability.logged()) {
                openAndReplay();
            }
            state = State.RUNNING;
        } finally {
            lock.unlock();
        }
        for (ExporterWriter w : writers) {
            w.attach(this);
        }
    }

    /**
     * Reserves max(encodedBytes, 1024) bytes against {@code max_buffered_bytes} (rule 1). Refuses
     * with OVERLOADED when the cap would be exceeded, with UNAVAILABLE when the buffer is not
     * running (not started, or stopping).
     */
    public Admission admit(long encodedBytes) throws RejectedException {
        long bytes = Math.max(encodedBytes, MIN_RESERVATION_BYTES);
        lock.lock();
        try {
            if (state != State.RUNNING) {
                throw new RejectedException(RejectedException.Reason.UNAVAILABLE,
                        "pipeline " + pipelineId + (state == State.NEW ? " is not started" : " is stopping"));
            }
            if (bytes > settings.maxBufferedBytes() - reservedBytes) {
                throw RejectedException.overloaded("pipeline " + pipelineId + " buffer is full: " + reservedBytes
                        + " of max_buffered_bytes " + settings.maxBufferedBytes() + " are reserved and the request needs "
                        + bytes + "; retry later", retryAfter);
            }
            reservedBytes += bytes;
            pendingAdmissions++;
            return new BufferAdmission(this, bytes);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Buffers an accepted request. Takes ownership of both arguments: the rows are freed and the
     * reservation released once every exporter committed them. Throws IllegalArgumentException
     * for an admission this buffer did not issue, IllegalStateException for one already closed or
     * used, or when the buffer was stopped meanwhile (the rows are then dropped and said so).
     * Throws RejectedException (OVERLOADED) when {@code ack: durable} cannot log the request (log
     * full, disk full): nothing was acknowledged, and the rows are not kept.
     */
    public void add(Admission admission, TableBatches batches) throws RejectedException {
        if (!(admission instanceof BufferAdmission own) || own.owner() != this) {
            batches.close();
            admission.close();
            throw new IllegalArgumentException("admission was not issued by pipeline " + pipelineId);
        }
        if (!own.consume()) {
            batches.close();
            throw new IllegalStateException("admission of pipeline " + pipelineId + " was already closed or used");
        }
        long rows = batches.rowCount();
        ArrowBuf record = null;
        if (durability.logged() && rows > 0) {
            try {
                record = TableBatchesCodec.encode(batches, allocator);
            } catch (IOException | RuntimeException e) {
                batches.close();
                own.close();
                throw new IllegalStateException("cannot encode a request of pipeline " + pipelineId + " for its log", e);
            }
        }
        long now = System.nanoTime();
        long index;
        lock.lock();
        try {
            pendingAdmissions--;
            changed.signalAll();
            if (record != null && state != State.STOPPED) {
                try {
                    long position = wal.append(record.nioBuffer(0, Math.toIntExact(record.writerIndex())));
                    assert position == nextIndex : "log position " + position + " != buffer index " + nextIndex;
                } catch (IOException e) {
                    reservedBytes -= own.reservedBytes();
                    batches.close();
                    throw logRefusal(e);
                }
            }
            if (state == State.STOPPED || rows == 0) {
                reservedBytes -= own.reservedBytes();
                batches.close();
                if (rows > 0) {
                    LOG.log(System.Logger.Level.ERROR, "pipeline {0} is stopped; {1} accepted rows dropped", pipelineId, rows);
                    throw new IllegalStateException("pipeline " + pipelineId + " is stopped; " + rows + " rows dropped");
                }
                return;
            }
            long heapBytes = batches.heapBytes();
            index = nextIndex++;
            buffered.addLast(new BufferedRequest(index, batches, own.reservedBytes(), rows, heapBytes, now));
            bufferedRows += rows;
            bufferedHeapBytes += heapBytes;
            windowBytes += own.reservedBytes();
            if (windowBytes >= settings.sealTargetBytes()) {
                requestSeal(now, false);
            } else if (!windowOpen) {
                windowOpen = true;
                windowStartNanos = now;
                // The writers learn the new age deadline.
                wakeWriters();
            }
        } finally {
            lock.unlock();
            if (record != null) {
                record.close();
            }
        }
        switch (durability.ack()) {
            case DURABLE -> awaitLogged(index);
            case COMMITTED -> awaitCommitted(index);
            case BUFFERED -> { }
        }
    }

    private RejectedException logRefusal(IOException e) {
        String why = e instanceof WalFullException ? e.getMessage()
                : "write-ahead log " + walDirectory() + " refused the request: " + e.getMessage();
        LOG.log(System.Logger.Level.WARNING, "pipeline {0}: {1}; refusing requests until it has room", pipelineId, why);
        return new RejectedException(RejectedException.Reason.OVERLOADED, "pipeline " + pipelineId + ": " + why
                + "; retry later", retryAfter, e);
    }

    /** The durable acknowledgement: the record at {@code index} and all before it are fsynced. */
    private void awaitLogged(long index) throws RejectedException {
        try {
            wal.awaitDurable(index);
        } catch (IOException e) {
            // The rows stay buffered and may still be sealed; the client retries, at worst a duplicate.
            throw logRefusal(e);
        }
    }

    /** The committed acknowledgement: waits until every exporter committed the request at {@code index}. */
    private void awaitCommitted(long index) throws RejectedException {
        lock.lock();
        try {
            while (!allCommitted(index + 1)) {
                if (state == State.STOPPED) {
                    throw new RejectedException(RejectedException.Reason.UNAVAILABLE, "pipeline " + pipelineId
                            + " stopped before the request was committed");
                }
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens the log and buffers every logged request not yet committed on some exporter; each
     * exporter starts at its committed position (or the log's start if it keeps none). Caller
     * holds the lock.
     */
    private void openAndReplay() {
        try {
            wal = WriteAheadLog.open(walDirectory(), durability.walMaxBytes(), durability.walSegmentBytes());
            List<WalRecord> records = wal.recovered();
            long logStart = records.isEmpty() ? wal.nextPosition() : records.get(0).position();
            long end = wal.nextPosition();
            for (ExporterWriter w : writers) {
                ExporterProgress p = progress.get(w);
                p.committedUpTo = logStart;
                if (w.exporter() instanceof PositionTrackingExporter tracking) {
                    resumeAt(p, tracking, logStart);
                }
                end = Math.max(end, Math.max(p.committedUpTo, p.pinnedUpTo));
            }
            // A log that lost its files must not hand out positions a target already holds.
            wal.skipTo(end);
            nextIndex = end;
            long everywhere = end;
            for (ExporterProgress p : progress.values()) {
                everywhere = Math.min(everywhere, p.committedUpTo);
            }
            long rows = 0;
            long now = System.nanoTime();
            for (WalRecord r : records) {
                if (r.position() < everywhere) {
                    continue;
                }
                TableBatches batches = TableBatchesCodec.decode(r.payload(), allocator);
                long reserved = Math.max(r.payload().length, MIN_RESERVATION_BYTES);
                buffered.addLast(new BufferedRequest(r.position(), batches, reserved, batches.rowCount(),
                        batches.heapBytes(), now));
                reservedBytes += reserved;
                bufferedRows += batches.rowCount();
                bufferedHeapBytes += batches.heapBytes();
                rows += batches.rowCount();
            }
            wal.deleteBefore(everywhere);
            if (!buffered.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "pipeline {0}: replaying {1} logged requests ({2} rows, log positions "
                        + "{3} to {4}) from {5}", pipelineId, buffered.size(), rows, buffered.peekFirst().index(),
                        end - 1, walDirectory());
                requestSeal(now, true);
            }
        } catch (Exception e) {
            freeAllIfIdle();
            closeLog();
            throw new UncheckedIOException(new IOException("pipeline " + pipelineId + ": cannot recover the write-ahead log "
                    + walDirectory() + ": " + e.getMessage(), e));
        }
    }

    /**
     * Where a tracking exporter resumes: at its committed position (not below the log's start),
     * with the next seal pinned to the end of a seal it may hold in part. When that seal starts
     * below the log's start, its records were deleted, which happens only once every exporter
     * committed them: it is complete, and the exporter resumes after it.
     */
    private void resumeAt(ExporterProgress p, PositionTrackingExporter tracking, long logStart) throws Exception {
        OptionalLong committed = tracking.committedWalPosition(pipelineId);
        OptionalLong unfinished = tracking.unfinishedSealEnd(pipelineId);
        long position = committed.isPresent() ? Math.max(committed.getAsLong(), logStart) : logStart;
        if (unfinished.isPresent()) {
            if (committed.isPresent() && committed.getAsLong() < logStart) {
                position = Math.max(position, unfinished.getAsLong());
            } else {
                p.pinnedUpTo = unfinished.getAsLong();
            }
        }
        p.committedUpTo = position;
    }

    private void closeLog() {
        if (wal != null) {
            try {
                wal.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "pipeline " + pipelineId + ": closing the write-ahead log failed", e);
            }
            wal = null;
        }
    }

    /** Seals everything buffered so far on every exporter, waiting at most the configured flush timeout. */
    public FlushResult flush() {
        return flush(flushTimeout);
    }

    /**
     * Seals everything buffered so far on every exporter and waits for it (rule 7). Returns the
     * error when a seal attempt of this pipeline fails meanwhile, or when {@code timeout} passes.
     */
    public FlushResult flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long target = nextIndex;
            long rowsToSeal = bufferedRows;
            if (rowsToSeal == 0) {
                return FlushResult.sealed(0, sealsTotal);
            }
            long committedAtStart = committedRowsTotal;
            long failuresAtStart = sealFailuresTotal;
            requestSeal(System.nanoTime(), true);
            while (true) {
                // Requests are freed in index order, so rows freed since the start are this flush's first.
                long sealed = Math.min(committedRowsTotal - committedAtStart, rowsToSeal);
                if (allCommitted(target)) {
                    return FlushResult.sealed(sealed, sealsTotal);
                }
                if (sealFailuresTotal > failuresAtStart) {
                    return FlushResult.failed(sealed, sealsTotal, lastFailure);
                }
                if (state == State.STOPPED) {
                    return FlushResult.failed(sealed, sealsTotal, "pipeline " + pipelineId + " stopped during the flush with "
                            + bufferedRows + " rows not sealed on every exporter");
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return FlushResult.failed(sealed, sealsTotal, "flush of pipeline " + pipelineId + " timed out after "
                            + timeout.toMillis() + " ms with " + bufferedRows + " rows not sealed on every exporter");
                }
                try {
                    changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return FlushResult.failed(sealed, sealsTotal, "flush of pipeline " + pipelineId + " was interrupted");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The final seal of a graceful stop (rule 8): refuses new admissions, waits for admitted
     * requests to be added (or given up), seals everything on every exporter and waits until it
     * is committed. Returns normally when nothing accepted is left; throws
     * {@link RowsLostException} with the count of rows not sealed when {@code timeout} passes
     * first. Idempotent.
     */
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            if (state == State.STOPPED) {
                return;
            }
            state = State.DRAINING;
            long requested = -1;
            boolean interrupted = false;
            while (pendingAdmissions > 0 || !buffered.isEmpty()) {
                if (nextIndex > requested && !buffered.isEmpty()) {
                    requested = nextIndex;
                    requestSeal(System.nanoTime(), true);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || closed) {
                    break;
                }
                try {
                    changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            state = State.STOPPED;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (!buffered.isEmpty() || pendingAdmissions > 0) {
                String detail = pendingAdmissions > 0 ? pendingAdmissions + " admitted requests never arrived" : null;
                if (lastFailure != null) {
                    detail = (detail == null ? "" : detail + "; ") + "last error: " + lastFailure;
                }
                throw new RowsLostException(pipelineId, bufferedRows, detail);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The readiness rule: false while an exporter's rows are stuck behind failing seals (rule 6). */
    public boolean ready() {
        long now = System.nanoTime();
        long staleNanos = STALE_SEAL_CYCLES * settings.sealMaxAge().toNanos();
        lock.lock();
        try {
            for (ExporterProgress p : progress.values()) {
                if (p.stuck(now, nextIndex, staleNanos)) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public PipelineStatus status() {
        long now = System.nanoTime();
        lock.lock();
        try {
            Long oldestAgeMs = buffered.isEmpty() ? null : millis(now - buffered.peekFirst().addedNanos());
            Long lastSealAgeMs = null;
            for (ExporterProgress p : progress.values()) {
                if (p.succeededOnce()) {
                    long age = millis(now - p.lastSuccessNanos());
                    lastSealAgeMs = lastSealAgeMs == null ? age : Math.min(lastSealAgeMs, age);
                }
            }
            MaintenanceTotals maintenance = maintenanceTotals(System.currentTimeMillis());
            return new PipelineStatus(pipelineId, exporterIds, bufferedRows, bufferedHeapBytes, reservedBytes,
                    settings.sealTargetBytes(), settings.sealMaxAge().toMillis(), oldestAgeMs, lastSealAgeMs,
                    sealsTotal, committedRowsTotal, sealFailuresTotal, currentError(), maintenance.runs,
                    maintenance.failures, maintenance.lastAgeMs, maintenance.lastError, promotedColumns);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Detaches from the writers and frees whatever is still buffered (after {@link #drain}, that
     * is only what it reported as lost). A seal in flight frees its rows when it returns.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            state = State.STOPPED;
            freeAllIfIdle();
            // What is still logged stays on disk and is replayed at the next start.
            closeLog();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (ExporterWriter w : writers) {
            w.detach(this);
        }
    }

    /**
     * Called by {@code writer}'s thread: runs the age trigger and tells how long until the writer
     * has work here (<= 0: now; Long.MAX_VALUE: nothing scheduled).
     */
    long nanosUntilWork(ExporterWriter writer, long now) {
        lock.lock();
        try {
            if (closed || state == State.NEW || state == State.STOPPED) {
                return Long.MAX_VALUE;
            }
            long maxAge = settings.sealMaxAge().toNanos();
            if (windowOpen && now - windowStartNanos >= maxAge) {
                requestSeal(now, false);
            }
            long wait = windowOpen ? windowStartNanos + maxAge - now : Long.MAX_VALUE;
            ExporterProgress p = progress.get(writer);
            if (p.committedUpTo < requestedUpTo) {
                wait = Math.min(wait, Math.max(0, p.nanosUntilRetry(now)));
            }
            return wait;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by {@code writer}'s thread: seals this exporter's due requests, if any, and records
     * the attempt. Returns false when there was nothing to do.
     */
    boolean sealOn(ExporterWriter writer) {
        ExporterProgress p = progress.get(writer);
        Seal seal;
        long upTo;
        long admitted = 0;
        lock.lock();
        try {
            if (closed || state == State.STOPPED || p.committedUpTo >= requestedUpTo || !p.retryDue(System.nanoTime())) {
                return false;
            }
            upTo = p.sealUpTo(requestedUpTo);
            Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
            for (BufferedRequest r : buffered) {
                if (r.index() >= upTo) {
                    break;
                }
                if (r.index() < p.committedUpTo) {
                    continue;
                }
                admitted += r.reservedBytes();
                for (TableBatch b : r.batches().batches()) {
                    if (b.rowCount() > 0) {
                        tables.computeIfAbsent(b.table(), t -> new ArrayList<>()).add(b);
                    }
                }
            }
            tables.replaceAll((t, list) -> Collections.unmodifiableList(list));
            // Headroom: everything buffered, this seal included, stays under one seal target, so
            // ingest is light (a size trigger never qualifies) and no next seal is already due.
            boolean maintenanceAllowed = state == State.RUNNING && explicitUpTo <= p.committedUpTo
                    && reservedBytes < settings.sealTargetBytes();
            WalRange range = wal == null ? null : new WalRange(p.committedUpTo, upTo);
            seal = new Seal(pipelineId, ++sealSequence, Collections.unmodifiableMap(tables), maintenanceAllowed, range);
            p.inFlight = true;
        } finally {
            lock.unlock();
        }

        long startedMs = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        SealTiming timing = null;
        Throwable failure = null;
        try {
            timing = writer.exporter().seal(seal);
        } catch (Throwable t) {
            failure = t;
        }
        long completedMs = System.currentTimeMillis();
        long now = System.nanoTime();
        long durationMs = millis(now - startedNanos);

        lock.lock();
        try {
            p.inFlight = false;
            long rows = 0;
            String error = null;
            if (failure == null) {
                timing = timing == null ? SealTiming.NONE : timing;
                rows = seal.rowCount();
                p.succeeded(upTo, rows, now);
                sealsTotal++;
                freeCommitted();
            } else {
                timing = SealTiming.NONE;
                error = describe(failure);
                p.failed(error, now);
                if (seal.walRange() != null) {
                    p.pinnedUpTo = upTo;
                }
                sealFailuresTotal++;
                lastFailure = "exporter " + writer.id() + ": " + error;
            }
            history.add(new SealRecord(pipelineId, writer.id().toString(), seal.sequence(), startedMs, completedMs,
                    durationMs, timing.appendDurationMs(), timing.commitDurationMs(), rows, admitted, failure == null,
                    p.sealsTotal, p.sealFailuresTotal, p.committedRowsTotal, error));
            if (closed) {
                freeAllIfIdle();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "seal " + seal.sequence() + " of pipeline " + pipelineId
                    + " failed on exporter " + writer.id() + "; its rows stay buffered and are retried", failure);
            if (failure instanceof VirtualMachineError vmError) {
                throw vmError;
            }
        }
        return true;
    }

    /** Gives back the bytes of an admission closed before its request was added. */
    void releaseUnconsumed(long bytes) {
        lock.lock();
        try {
            reservedBytes -= bytes;
            pendingAdmissions--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks everything buffered as due for sealing and wakes the writers. Caller holds the lock. */
    private void requestSeal(long now, boolean explicit) {
        requestedUpTo = nextIndex;
        windowOpen = false;
        windowBytes = 0;
        if (explicit) {
            explicitUpTo = nextIndex;
            for (ExporterProgress p : progress.values()) {
                p.retryNow(now);
            }
        }
        wakeWriters();
    }

    private void wakeWriters() {
        for (ExporterWriter w : writers) {
            w.wake();
        }
    }

    private boolean allCommitted(long index) {
        for (ExporterProgress p : progress.values()) {
            if (p.committedUpTo < index) {
                return false;
            }
        }
        return true;
    }

    /** Frees the requests every exporter committed and releases their reservations. Caller holds the lock. */
    private void freeCommitted() {
        long everywhere = Long.MAX_VALUE;
        for (ExporterProgress p : progress.values()) {
            everywhere = Math.min(everywhere, p.committedUpTo);
        }
        while (!buffered.isEmpty() && buffered.peekFirst().index() < everywhere) {
            BufferedRequest r = buffered.pollFirst();
            free(r);
            committedRowsTotal += r.rows();
        }
        if (wal != null) {
            wal.deleteBefore(everywhere);
        }
    }

    private void freeAllIfIdle() {
        for (ExporterProgress p : progress.values()) {
            if (p.inFlight) {
                return;
            }
        }
        if (!buffered.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "pipeline {0} closed with {1} unsealed rows; they are dropped",
                    pipelineId, bufferedRows);
        }
        while (!buffered.isEmpty()) {
            free(buffered.pollFirst());
        }
    }

    private void free(BufferedRequest r) {
        r.batches().close();
        reservedBytes -= r.reservedBytes();
        bufferedRows -= r.rows();
        bufferedHeapBytes -= r.heapBytes();
    }

    /** The maintenance counters of the exporters that run maintenance, added up. */
    private record MaintenanceTotals(long runs, long failures, Long lastAgeMs, String lastError) {}

    private MaintenanceTotals maintenanceTotals(long nowMs) {
        long runs = 0;
        long failures = 0;
        Long lastAgeMs = null;
        String lastError = null;
        for (ExporterWriter w : writers) {
            if (w.exporter() instanceof MaintainedExporter maintained) {
                MaintenanceStatus m = maintained.maintenanceStatus();
                runs += m.runsTotal();
                failures += m.failuresTotal();
                if (m.lastRunUnixMs() != null) {
                    long age = Math.max(0, nowMs - m.lastRunUnixMs());
                    lastAgeMs = lastAgeMs == null ? age : Math.min(lastAgeMs, age);
                }
                if (lastError == null && m.lastError() != null) {
                    lastError = "exporter " + w.id() + ": " + m.lastError();
                }
            }
        }
        return new MaintenanceTotals(runs, failures, lastAgeMs, lastError);
    }

    private String currentError() {
        for (ExporterWriter w : writers) {
            String error = progress.get(w).lastError;
            if (error != null) {
                return "exporter " + w.id() + ": " + error;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getName();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
