package dev.eider.runtime.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * everything appended so far while the others wait for it, then the next waiter syncs what came
 * meanwhile. Segments are deleted once every record in them is committed everywhere
 * ({@link #deleteBefore}); the segment being appended to is never deleted, so positions keep
 * rising across restarts.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());
    static final int HEADER_BYTES = 16;
    private static final String SUFFIX = ".wal";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final List<WalRecord> recovered;

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

    // Group commit state, guarded by syncLock.
    private final ReentrantLock syncLock = new ReentrantLock();
    private final Condition synced = syncLock.newCondition();
    private boolean syncing;
    /** Every record below this position is fsynced. */
    private long durableEnd;

    private WriteAheadLog(Path dir, long maxBytes, long segmentBytes, List<WalRecord> recovered) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.recovered = recovered;
    }

    /**
     * Opens (creating) the log in {@code dir}, reading back every good record. A torn or corrupt
     * record ends its segment: it is reported, and the file is cut at the last good record.
     */
    public static WriteAheadLog open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        List<WalRecord> recovered = new ArrayList<>();
        WriteAheadLog wal = new WriteAheadLog(dir, maxBytes, segmentBytes, recovered);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long next = 0;
        for (Path file : files) {
            long first = firstPosition(file);
            SegmentEnd end = wal.recoverSegment(file, Math.max(first, next), recovered);
            wal.segments.put(first, file);
            wal.segmentSizes.put(first, end.bytes());
            wal.totalBytes += end.bytes();
            next = Math.max(next, end.nextPosition());
        }
        wal.nextPosition = next;
        wal.durableEnd = next;
        if (wal.segments.isEmpty()) {
            wal.openSegment(next);
        } else {
            Map.Entry<Long, Path> last = wal.segments.lastEntry();
            wal.activeFirst = last.getKey();
            wal.activeSize = wal.segmentSizes.get(last.getKey());
            wal.active = FileChannel.open(last.getValue(), StandardOpenOption.WRITE);
            wal.active.position(wal.activeSize);
        }
        return wal;
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
     * Writes one record and answers its position; not yet fsynced. Throws {@link WalFullException}
     * when the record would take the log past its cap, and IOException when the disk refuses it
     * (the partial record is cut off again).
     */
    public long append(byte[] payload) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        synchronized (appendLock) {
            long size = record.capacity();
            if (totalBytes + size > maxBytes) {
                throw new WalFullException("write-ahead log " + dir + " is full: " + totalBytes + " of " + maxBytes
                        + " bytes hold records not yet sealed on every exporter");
            }
            if (activeSize > 0 && activeSize + size > segmentBytes) {
                rollTo(nextPosition);
            }
            long position = nextPosition;
            record.putInt(payload.length).putInt(checksum(position, payload)).putLong(position).put(payload).flip();
            long start = activeSize;
            try {
                while (record.hasRemaining()) {
                    active.write(record, start + record.position());
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

    /** Returns once the record at {@code position} and all before it are fsynced. */
    public void awaitDurable(long position) throws IOException {
        syncLock.lock();
        try {
            while (durableEnd <= position) {
                if (syncing) {
                    synced.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long target;
                FileChannel channel;
                syncLock.unlock();
                try {
                    synchronized (appendLock) {
                        target = nextPosition;
                        channel = active;
                    }
                    try {
                        channel.force(false);
                    } catch (ClosedChannelException rolled) {
                        // a roll forced this segment before closing it
                    }
                } finally {
                    syncLock.lock();
                    syncing = false;
                    synced.signalAll();
                }
                durableEnd = Math.max(durableEnd, target);
            }
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
        synchronized (appendLock) {
            if (active != null) {
                active.close();
                active = null;
            }
        }
    }

    private void markDurable(long position) {
        syncLock.lock();
        try {
            durableEnd = Math.max(durableEnd, position);
            synced.signalAll();
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Starts a new segment at {@code first} and forces and closes the previous one. The new file
     * is opened first, so a full disk leaves the previous segment active. Caller holds appendLock.
     */
    private void rollTo(long first) throws IOException {
        FileChannel previous = active;
        long previousFirst = activeFirst;
        long previousSize = activeSize;
        previous.force(false);
        openSegment(first);
        previous.close();
        if (previousSize == 0) {
            Files.deleteIfExists(segments.remove(previousFirst));
            segmentSizes.remove(previousFirst);
        }
    }

    private void openSegment(long first) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", first, SUFFIX));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            preallocate(channel);
            // the new file's directory entry must survive a crash too
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
        active = channel;
        activeFirst = first;
        activeSize = 0;
        segments.put(first, file);
        segmentSizes.put(first, 0L);
    }

    /**
     * Writes the segment's zeros up front, so an fsync after an append flushes data blocks only,
     * not the file's growing size (on ext4 that halves the cost of a durable acknowledgement).
     */
    private void preallocate(FileChannel channel) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(segmentBytes, 1 << 20));
        for (long at = 0; at < segmentBytes; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), segmentBytes - at));
            at += channel.write(zeros, at);
        }
        channel.force(true);
    }

    private void cutBack(long size, IOException cause) {
        try {
            active.truncate(size);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Reads the good records of one segment, cutting it at the first bad one; answers the next position. */
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
                    if (checksum(position, payload) != crc) {
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

    private static int checksum(long position, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, position));
        crc.update(payload);
        return (int) crc.getValue();
    }
}
