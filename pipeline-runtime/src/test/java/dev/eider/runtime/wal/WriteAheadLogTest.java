package dev.eider.runtime.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    private static final long CAP = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void recordsComeBackInOrderAfterReopening() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 100)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(i, wal.append(payload(i)));
            }
            wal.awaitDurable(9);
        }
        assertTrue(segments().size() > 1, "small segments roll: " + segments());
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 100)) {
            assertPayloads(wal.recovered(), 0, 10);
            assertEquals(10, wal.nextPosition());
            assertEquals(10, wal.append(payload(10)));
        }
    }

    @Test
    void aTornTailIsCutAtTheLastGoodRecordAndAppendsGoOnFromThere() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, CAP)) {
            for (int i = 0; i < 3; i++) {
                wal.append(payload(i));
            }
        }
        Path segment = segments().get(0);
        long goodTwo = 2 * (WriteAheadLog.HEADER_BYTES + bytes(0).length);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            // the third record was being written when the power went: its last bytes never landed
            file.setLength(goodTwo + WriteAheadLog.HEADER_BYTES + bytes(2).length - 3);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, CAP)) {
            assertPayloads(wal.recovered(), 0, 2);
            assertEquals(goodTwo, Files.size(segment));
            assertEquals(2, wal.append(payload(2)));
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, CAP)) {
            assertPayloads(wal.recovered(), 0, 3);
        }
    }

    @Test
    void aCorruptRecordFailsItsChecksumAndEndsTheSegment() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, CAP)) {
            for (int i = 0; i < 4; i++) {
                wal.append(payload(i));
            }
        }
        Path segment = segments().get(0);
        int recordBytes = WriteAheadLog.HEADER_BYTES + bytes(0).length;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long inThirdPayload = 2L * recordBytes + WriteAheadLog.HEADER_BYTES + 1;
            file.seek(inThirdPayload);
            int b = file.read();
            file.seek(inThirdPayload);
            file.write(b ^ 0x40);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, CAP)) {
            assertPayloads(wal.recovered(), 0, 2);
            assertEquals(2L * recordBytes, Files.size(segment));
        }
    }

    @Test
    void preallocatedZerosAreTheCleanEndOfASegmentNotATornRecord() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 4096)) {
            wal.append(payload(0));
        }
        assertEquals(4096, Files.size(segments().get(0)), "segments are preallocated");
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 4096)) {
            assertPayloads(wal.recovered(), 0, 1);
            assertEquals(WriteAheadLog.HEADER_BYTES + bytes(0).length, wal.sizeBytes());
            assertEquals(4096, Files.size(segments().get(0)), "a clean end is not cut");
            wal.append(payload(1));
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 4096)) {
            assertPayloads(wal.recovered(), 0, 2);
        }
    }

    @Test
    void concurrentWritersShareFsyncsAndEachReturnsDurable() throws Exception {
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (WriteAheadLog wal = WriteAheadLog.open(dir, 64L << 20, 1L << 20)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        wal.awaitDurable(wal.append(payload(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(threads * perThread, wal.nextPosition());
        } finally {
            pool.shutdownNow();
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, 64L << 20, 1L << 20)) {
            assertEquals(threads * perThread, wal.recovered().size());
        }
    }

    @Test
    void underConcurrentAppendsAndRollsEachRecordWaitsForASyncBegunAfterIt() throws Exception {
        int threads = 8;
        int perThread = 150;
        // about 20 records per segment: dozens of rolls onto spares prepared meanwhile
        long segmentBytes = 20L * (WriteAheadLog.HEADER_BYTES + bytes(0).length);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> positions = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, 64L << 20, segmentBytes)) {
            List<Future<List<Long>>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        long begunBefore = wal.syncsStarted();
                        long position = wal.append(payload(i));
                        wal.awaitDurable(position);
                        // a sync that began before the append cannot have covered it
                        assertTrue(wal.syncsCompleted() > begunBefore, "record " + position + " acknowledged by an "
                                + "earlier sync");
                        mine.add(position);
                    }
                    return mine;
                }));
            }
            for (Future<List<Long>> f : done) {
                positions.addAll(f.get());
            }
            assertTrue(wal.syncsCompleted() < threads * perThread, "concurrent records share syncs: "
                    + wal.syncsCompleted() + " syncs for " + threads * perThread + " records");
            assertTrue(segments().size() > 20, "rolled " + segments().size() + " times");
        } finally {
            pool.shutdownNow();
        }
        assertFalse(Files.exists(dir.resolve(WriteAheadLog.SPARE_NAME)), "the spare is removed at close");
        try (WriteAheadLog wal = WriteAheadLog.open(dir, 64L << 20, segmentBytes)) {
            List<WalRecord> recovered = wal.recovered();
            assertEquals(threads * perThread, recovered.size());
            for (int i = 0; i < recovered.size(); i++) {
                assertEquals(i, recovered.get(i).position());
            }
            assertEquals(threads * perThread, new HashSet<>(positions).size());
        }
    }

    @Test
    void aSpareLeftByACrashIsNotReadAsASegment() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 64)) {
            wal.append(payload(0));
            wal.append(payload(1));
        }
        // a crash while the spare was being written leaves a partial file with arbitrary bytes
        Files.write(dir.resolve(WriteAheadLog.SPARE_NAME), bytes(9));
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 64)) {
            assertPayloads(wal.recovered(), 0, 2);
            for (int i = 2; i < 6; i++) {
                assertEquals(i, wal.append(payload(i)));
            }
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 64)) {
            assertPayloads(wal.recovered(), 0, 6);
        }
    }

    @Test
    void sealedSegmentsAreDeletedButPositionsKeepRisingAcrossRestarts() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 100)) {
            for (int i = 0; i < 10; i++) {
                wal.append(payload(i));
            }
            long before = wal.sizeBytes();
            wal.deleteBefore(10);
            assertEquals(1, segments().size(), "only the active segment stays");
            assertTrue(wal.sizeBytes() < before);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 100)) {
            assertEquals(10, wal.nextPosition());
            wal.skipTo(500);
            assertEquals(500, wal.append(payload(0)));
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, CAP, 100)) {
            assertEquals(501, wal.nextPosition());
        }
    }

    @Test
    void theCapRefusesARecordWithoutWritingIt() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, 3L * (WriteAheadLog.HEADER_BYTES + 8), CAP)) {
            wal.append(payload(0));
            wal.append(payload(1));
            wal.append(payload(2));
            WalFullException full = assertThrows(WalFullException.class, () -> wal.append(payload(3)));
            assertTrue(full.getMessage().contains("is full"), full.getMessage());
            wal.deleteBefore(3);
            assertEquals(3, wal.nextPosition());
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wal")).sorted().toList();
        }
    }

    private static ByteBuffer payload(int i) {
        return ByteBuffer.wrap(bytes(i));
    }

    private static byte[] bytes(int i) {
        return String.format("rec%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertPayloads(List<WalRecord> records, int from, int to) {
        assertEquals(to - from, records.size(), "records " + records.size());
        for (int i = from; i < to; i++) {
            assertEquals(i, records.get(i - from).position());
            assertArrayEquals(bytes(i), records.get(i - from).payload());
        }
    }
}
