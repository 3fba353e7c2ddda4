package dev.eider.runtime.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of one pipeline: numbered records in segment files named after their first
 * position ({@code 00000000000000000042.wal}). A record is {@code [int length][int crc32c]
 * [long position][payload]}, the checksum covering position and payload, so a torn or corrupt
 * tail is told from a good record.
 *
 * <p>{@link #append} writes (no fsync) and numbers a record; {@link #awaitDurable} waits until
 * it is fsynced. Concurrent waiters share one fsync (group commit): the first waiter syncs
 * everything appended so far while the others wait for it and new records are appended, then
 * the next waiter syncs what came meanwhile. A sync covers only records appended before it
 * started, so no record is reported durable before an fsync that began after it was written.
 * Segments are deleted once every record in them is committed everywhere
 * ({@link #deleteBefore}); the segment being appended to is never deleted, so positions keep
 * rising across restarts.
 *
 * <p>Appends never wait for the disk: the next segment is preallocated by a background thread
 * ({@value #SPARE_NAME}) while the current one fills, and a roll only renames it into place. The
 * previous segment and the directory entry of the new one are fsynced by the next group sync,
 * before any record in them is reported durable.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());
    static final int HEADER_BYTES = 16;
    private static final String SUFFIX = ".wal";
    /** The next segment, preallocated ahead of the roll; not a segment until renamed. */
    static final String SPARE_NAME = "next-segment.prealloc";
    /**
     * Group syncs that may run at once. Two let the next group's fsync start while the current
     * one runs (Linux's fsync also waits for pages already under writeback, so the later one
     * covers everything written before it began); more would only queue in the disk.
     */
    static final int MAX_SYNCS_IN_FLIGHT = 2;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final List<WalRecord> recovered;
    private final Path spareFile;
    private final ExecutorService preparer;

    // Guarded by appendLock.
    private final Object appendLock = new Object();
    /** First position of each segment -> its file; the last entry is the active segment. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private final Map<Long, Long> segmentSizes = new TreeMap<>();
    private FileChannel active;
    private long activeFirst;
    private long activeSize;
    private long nextPosition;
    private long totalBytes;
    /** Rolled-away segments that may hold records not yet fsynced; the next sync forces and closes them. */
    private final List<FileChannel> unforced = new ArrayList<>();
    /** A segment file was created since the last directory fsync. */
    private boolean directoryDirty;
    /** The spare segment being prepared, or null when none is under way. */
    private Future<?> spare;

    // Group commit state, guarded by syncLock (taken before appendLock, never after).
    private final ReentrantLock syncLock = new ReentrantLock();
    private final Condition synced = syncLock.newCondition();
    private final SegmentForcer forcer;
    /** Every record below this position is fsynced. */
    private long durableEnd;
    /** Every record below this position is covered by a sync begun (possibly still running). */
    private long startedEnd;
    private long syncsStarted;
    /** Syncs whose outcome is published; always a prefix of those started. */
    private long syncsCompleted;
    /** Syncs up to this number overlapped a failed one and fail too. */
    private long poisonedThrough;
    /** Failed syncs so far; the latest covered the records below failedEnd and failed with failure. */
    private long failures;
    private long failedEnd;
    private IOException failure;

    private WriteAheadLog(Path dir, long maxBytes, long segmentBytes, List<WalRecord> recovered,
            SegmentForcer forcer) {
        this.dir = dir;
        this.forcer = forcer;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.recovered = recovered;
        this.spareFile = dir.resolve(SPARE_NAME);
        this.preparer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "wal-preallocate-" + dir.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens (creating) the log in {@code dir}, reading back every good record. A torn or corrupt
     * record ends its segment: it is reported, and the file is cut at the last good record.
     */
    public static WriteAheadLog open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        return open(dir, maxBytes, segmentBytes, channel -> channel.force(false));
    }

    /** As {@link #open(Path, long, long)}, with the fsync of segment data done by {@code forcer}. */
    static WriteAheadLog open(Path dir, long maxBytes, long segmentBytes, SegmentForcer forcer) throws IOException {
        Files.createDirectories(dir);
        List<WalRecord> recovered = new ArrayList<>();
        // a spare left by a crash may be half written; it is prepared again
        Files.deleteIfExists(dir.resolve(SPARE_NAME));
        WriteAheadLog wal = new WriteAheadLog(dir, maxBytes, segmentBytes, recovered, forcer);
        try {
            wal.recover();
        } catch (IOException | RuntimeException e) {
            wal.preparer.shutdownNow();
            throw e;
        }
        return wal;
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long next = 0;
        for (Path file : files) {
            long first = firstPosition(file);
            SegmentEnd end = recoverSegment(file, Math.max(first, next), recovered);
            segments.put(first, file);
            segmentSizes.put(first, end.bytes());
            totalBytes += end.bytes();
            next = Math.max(next, end.nextPosition());
        }
        synchronized (appendLock) {
            nextPosition = next;
            durableEnd = next;
            startedEnd = next;
            if (segments.isEmpty()) {
                openSegment(next, false);
            } else {
                Map.Entry<Long, Path> last = segments.lastEntry();
                activeFirst = last.getKey();
                activeSize = segmentSizes.get(last.getKey());
                active = FileChannel.open(last.getValue(), StandardOpenOption.WRITE);
            }
            prepareSpare();
        }
    }

    /** The good records found when the log was opened, in position order. */
    public List<WalRecord> recovered() {
        return recovered;
    }

    /** The position the next record gets. */
    public long nextPosition() {
        synchronized (appendLock) {
            return nextPosition;
        }
    }

    /** Bytes on disk in every segment. */
    public long sizeBytes() {
        synchronized (appendLock) {
            return totalBytes;
        }
    }

    /**
     * Makes the next record's position at least {@code position}, so a log that lost its files
     * never reuses positions a target already committed.
     */
    public void skipTo(long position) throws IOException {
        synchronized (appendLock) {
            if (position <= nextPosition) {
                return;
            }
            rollTo(position);
            nextPosition = position;
        }
        markDurable(position);
    }

    /**
     * Writes the remaining bytes of {@code payload} as one record and answers its position; not
     * yet fsynced. A direct buffer is written without a copy. Throws {@link WalFullException}
     * when the record would take the log past its cap, and IOException when the disk refuses it
     * (the partial record is cut off again).
     */
    public long append(ByteBuffer payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        ByteBuffer body = payload.duplicate();
        int length = body.remaining();
        long size = HEADER_BYTES + (long) length;
        synchronized (appendLock) {
            if (active == null) {
                throw new ClosedChannelException();
            }
            if (totalBytes + size > maxBytes) {
                throw new WalFullException("write-ahead log " + dir + " is full: " + totalBytes + " of " + maxBytes
                        + " bytes hold records not yet sealed on every exporter");
            }
            if (activeSize > 0 && activeSize + size > segmentBytes) {
                rollTo(nextPosition);
            }
            long position = nextPosition;
            header.putInt(length).putInt(checksum(position, payload.duplicate())).putLong(position).flip();
            long start = activeSize;
            ByteBuffer[] record = {header, body};
            try {
                active.position(start);
                while (body.hasRemaining()) {
                    active.write(record);
                }
            } catch (IOException e) {
                cutBack(start, e);
                throw e;
            }
            activeSize += size;
            totalBytes += size;
            segmentSizes.put(activeFirst, activeSize);
            nextPosition = position + 1;
            return position;
        }
    }

    /**
     * Returns once the record at {@code position} and all before it are fsynced. Throws
     * IOException when the fsync fails or the log was closed first; the record may then be lost.
     */
    public void awaitDurable(long position) throws IOException {
        syncLock.lock();
        try {
            long failuresSeen = failures;
            while (durableEnd <= position) {
                if (failures != failuresSeen && position < failedEnd) {
                    throw new IOException("write-ahead log " + dir + ": the fsync covering record " + position
                            + " failed", failure);
                }
                if (position < startedEnd || syncsStarted - syncsCompleted >= MAX_SYNCS_IN_FLIGHT) {
                    synced.awaitUninterruptibly();
                } else {
                    runSync();
                }
            }
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * One group sync, run by a waiter with syncLock held (released during the fsyncs): fsyncs
     * every record appended before it started (rolled-away segments, the active one, and the
     * directory entries of new segments). It may overlap the previous sync, but its outcome is
     * published only after that one's, so a later sync never acknowledges a record before the
     * roll bookkeeping an earlier sync took on is durable. A failure also fails the syncs that
     * overlapped it: the kernel reports a writeback error to one fsync only, so their success
     * proves nothing.
     */
    private void runSync() throws IOException {
        long target;
        FileChannel current;
        List<FileChannel> rolled;
        boolean directory;
        synchronized (appendLock) {
            if (active == null) {
                throw new IOException("write-ahead log " + dir + " was closed before its records were fsynced");
            }
            target = nextPosition;
            current = active;
            // each sync owns the segments it forces, so an overlapping one neither forces nor closes them
            rolled = List.copyOf(unforced);
            unforced.clear();
            directory = directoryDirty;
            directoryDirty = false;
        }
        long sequence = ++syncsStarted;
        startedEnd = target;
        syncLock.unlock();
        IOException error = null;
        try {
            error = forceAll(rolled, current, directory);
        } finally {
            syncLock.lock();
        }
        while (syncsCompleted != sequence - 1) {
            synced.awaitUninterruptibly();
        }
        if (error == null && sequence <= poisonedThrough) {
            error = new IOException("write-ahead log " + dir + ": an overlapping fsync failed");
        }
        if (error == null) {
            durableEnd = Math.max(durableEnd, target);
        } else {
            poisonedThrough = syncsStarted;
            failures++;
            failedEnd = target;
            failure = error;
            startedEnd = durableEnd;
        }
        syncsCompleted = sequence;
        synced.signalAll();
        settle(rolled, directory, error == null);
        if (error != null) {
            throw error;
        }
    }

    private IOException forceAll(List<FileChannel> rolled, FileChannel current, boolean directory) {
        try {
            for (FileChannel segment : rolled) {
                forcer.force(segment);
            }
            forcer.force(current);
            if (directory) {
                forceDirectory();
            }
            return null;
        } catch (ClosedChannelException e) {
            return new IOException("write-ahead log " + dir + " was closed before its records were fsynced", e);
        } catch (IOException e) {
            return e;
        } catch (RuntimeException e) {
            // published like any failure, so the syncs queued behind this one are not stranded
            return new IOException("write-ahead log " + dir + ": fsync failed", e);
        }
    }

    /**
     * After a sync: its rolled-away segments are closed once forced; after a failure they (and the
     * directory fsync) fall to the next sync, unless the log was closed meanwhile.
     */
    private void settle(List<FileChannel> rolled, boolean directory, boolean forced) {
        List<FileChannel> done = rolled;
        if (!forced) {
            synchronized (appendLock) {
                if (active != null) {
                    unforced.addAll(0, rolled);
                    directoryDirty |= directory;
                    done = List.of();
                }
            }
        }
        for (FileChannel segment : done) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot close write-ahead log segment of " + dir, e);
            }
        }
    }

    /** Group syncs begun so far (each covers the records appended before it began). */
    long syncsStarted() {
        syncLock.lock();
        try {
            return syncsStarted;
        } finally {
            syncLock.unlock();
        }
    }

    /** Group syncs completed so far, in the order they began. */
    long syncsCompleted() {
        syncLock.lock();
        try {
            return syncsCompleted;
        } finally {
            syncLock.unlock();
        }
    }

    /** Deletes the segments whose records all lie below {@code position}; never the active one. */
    public void deleteBefore(long position) {
        synchronized (appendLock) {
            while (segments.size() > 1) {
                Map.Entry<Long, Path> oldest = segments.firstEntry();
                Long successorFirst = segments.higherKey(oldest.getKey());
                if (successorFirst > position) {
                    return;
                }
                try {
                    Files.deleteIfExists(oldest.getValue());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot delete sealed write-ahead log segment "
                            + oldest.getValue() + "; retried after the next seal", e);
                    return;
                }
                segments.pollFirstEntry();
                totalBytes -= segmentSizes.remove(oldest.getKey());
            }
        }
    }

    @Override
    public void close() throws IOException {
        preparer.shutdownNow();
        IOException failure = null;
        synchronized (appendLock) {
            List<FileChannel> open = new ArrayList<>(unforced);
            unforced.clear();
            if (active != null) {
                open.add(active);
                active = null;
            }
            for (FileChannel channel : open) {
                try {
                    channel.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        awaitSyncsInFlight();
        try {
            if (!preparer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "write-ahead log {0}: the spare segment is still being prepared", dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(spareFile);
        if (failure != null) {
            throw failure;
        }
    }

    /** Lets the syncs still running (their channels now closed) publish their failure and close what they own. */
    private void awaitSyncsInFlight() {
        syncLock.lock();
        try {
            long left = TimeUnit.SECONDS.toNanos(10);
            while (syncsCompleted != syncsStarted && left > 0) {
                left = synced.awaitNanos(left);
            }
            if (syncsCompleted != syncsStarted) {
                LOG.log(System.Logger.Level.WARNING, "write-ahead log {0}: an fsync is still running at close", dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            syncLock.unlock();
        }
    }

    private void markDurable(long position) {
        syncLock.lock();
        try {
            durableEnd = Math.max(durableEnd, position);
            startedEnd = Math.max(startedEnd, position);
            synced.signalAll();
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Starts a new segment at {@code first}. The new file is in place before the previous one is
     * let go, so a full disk leaves the previous segment active. The previous segment is forced
     * and closed by the next group sync. Caller holds appendLock.
     */
    private void rollTo(long first) throws IOException {
        FileChannel previous = active;
        long previousFirst = activeFirst;
        long previousSize = activeSize;
        openSegment(first, takeSpare());
        if (previousSize == 0) {
            previous.close();
            Files.deleteIfExists(segments.remove(previousFirst));
            segmentSizes.remove(previousFirst);
        } else {
            unforced.add(previous);
        }
        prepareSpare();
    }

    /**
     * Makes {@code first}'s segment the active one: the prepared spare renamed into place, or a
     * file preallocated here. Its directory entry is fsynced by the next group sync. Caller
     * holds appendLock.
     */
    private void openSegment(long first, boolean fromSpare) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", first, SUFFIX));
        if (fromSpare) {
            Files.move(spareFile, file, StandardCopyOption.ATOMIC_MOVE);
        } else {
            preallocate(file);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        directoryDirty = true;
        active = channel;
        activeFirst = first;
        activeSize = 0;
        segments.put(first, file);
        segmentSizes.put(first, 0L);
    }

    /**
     * Waits for the spare under way, if any; true when it is ready to be renamed into place,
     * false when the roll must preallocate itself (its own error then tells why it cannot).
     * Caller holds appendLock.
     */
    private boolean takeSpare() {
        Future<?> prepared = spare;
        spare = null;
        if (prepared == null) {
            return false;
        }
        try {
            prepared.get();
            return true;
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "write-ahead log {0}: preparing the spare segment failed: {1}", dir,
                    e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts preallocating the next segment in the background. Caller holds appendLock. */
    private void prepareSpare() {
        if (spare == null && !preparer.isShutdown()) {
            spare = preparer.submit(() -> {
                preallocate(spareFile);
                return null;
            });
        }
    }

    /**
     * Creates {@code file} full of zeros and forces it, so an fsync after an append flushes data
     * blocks only, not the file's growing size (on ext4 that halves the cost of a durable
     * acknowledgement). A failed file is removed again.
     */
    private void preallocate(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(segmentBytes, 1 << 20));
            for (long at = 0; at < segmentBytes; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), segmentBytes - at));
                at += channel.write(zeros, at);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void cutBack(long size, IOException cause) {
        try {
            active.truncate(size);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Where a segment's good records end: the next position and the bytes they take. */
    private record SegmentEnd(long nextPosition, long bytes) {}

    private SegmentEnd recoverSegment(Path file, long expected, List<WalRecord> out) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long next = expected;
        String problem = null;
        while (in.remaining() > 0) {
            int at = in.position();
            if (preallocatedFrom(in)) {
                return new SegmentEnd(next, at);
            }
            if (in.remaining() < HEADER_BYTES) {
                problem = "a record header is cut short";
            } else {
                int length = in.getInt();
                int crc = in.getInt();
                long position = in.getLong();
                if (length < 0 || length > in.remaining()) {
                    problem = "a record of " + length + " bytes is cut short";
                } else {
                    byte[] payload = new byte[length];
                    in.get(payload);
                    if (checksum(position, ByteBuffer.wrap(payload)) != crc) {
                        problem = "a record fails its checksum";
                    } else if (position < next) {
                        problem = "record position " + position + " goes back (expected " + next + ")";
                    } else {
                        out.add(new WalRecord(position, payload));
                        next = position + 1;
                        continue;
                    }
                }
            }
            LOG.log(System.Logger.Level.WARNING, "write-ahead log segment {0}: {1} at byte {2}; cutting the segment "
                    + "there ({3} bytes discarded, {4} good records before it)", file, problem, at, bytes.length - at,
                    next - expected);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(at);
                channel.force(false);
            }
            return new SegmentEnd(next, at);
        }
        return new SegmentEnd(next, bytes.length);
    }

    /** True when only the zeros of preallocation follow: the clean end of a segment. */
    private static boolean preallocatedFrom(ByteBuffer in) {
        for (int i = in.position(); i < in.limit(); i++) {
            if (in.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static long firstPosition(Path file) throws IOException {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            throw new IOException("write-ahead log file " + file + " is not named <first position>" + SUFFIX);
        }
    }

    private static int checksum(long position, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, position));
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Fsyncs the data of one segment; a seam for tests that hold or fail a sync. */
    @FunctionalInterface
    interface SegmentForcer {
        void force(FileChannel segment) throws IOException;
    }
}
