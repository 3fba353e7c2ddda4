package dev.eider.runtime.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group syncs that overlap: each fsync is held by the test until it lets it end or fail. */
class OverlappingSyncTest {
    private static final long BIG = 64L << 20;

    @TempDir
    Path dir;

    private final HeldSyncs held = new HeldSyncs();
    private final ExecutorService waiters = Executors.newFixedThreadPool(4);

    @AfterEach
    void letEverythingGo() {
        held.releaseAll();
        waiters.shutdownNow();
    }

    @Test
    void twoSyncsOverlapAndEachReleasesOnlyTheRecordsWrittenBeforeItBegan() throws Exception {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, BIG, BIG, held)) {
            Future<?> first = awaitDurable(wal, wal.append(payload(0)));
            HeldSync sync1 = held.next();
            Future<?> second = awaitDurable(wal, wal.append(payload(1)));
            HeldSync sync2 = held.next();
            Future<?> third = awaitDurable(wal, wal.append(payload(2)));
            assertNull(held.begunWithin(200), "a third sync waits while two run");
            assertEquals(2, wal.syncsStarted());

            // the later sync ends first, but its outcome waits for the earlier one's
            sync2.release();
            assertStillWaiting(second);
            assertStillWaiting(first);
            assertEquals(0, wal.syncsCompleted());
            sync1.release();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);

            // the third record came after both began: only a third sync releases it
            HeldSync sync3 = held.next();
            assertStillWaiting(third);
            long fourthPosition = wal.append(payload(3));
            long fifthPosition = wal.append(payload(4));
            Future<?> fourth = awaitDurable(wal, fourthPosition);
            HeldSync sync4 = held.next();
            // covered by the running sync4, so it waits for that one instead of starting a third
            Future<?> fifth = awaitDurable(wal, fifthPosition);
            assertNull(held.begunWithin(200), "no sync for a record an earlier one already covers");
            sync3.release();
            third.get(10, TimeUnit.SECONDS);
            assertStillWaiting(fourth);
            assertStillWaiting(fifth);

            // a failing sync fails only the records it covered
            sync4.fail("disk gone");
            for (Future<?> covered : List.of(fourth, fifth)) {
                assertInstanceOf(IOException.class, assertThrows(ExecutionException.class,
                        () -> covered.get(10, TimeUnit.SECONDS)).getCause());
            }
            assertEquals(4, wal.syncsCompleted());
        }
    }

    @Test
    void aFailedSyncAlsoFailsTheSyncThatOverlappedItAndLaterSyncsAcknowledgeAgain() throws Exception {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, BIG, BIG, held)) {
            Future<?> first = awaitDurable(wal, wal.append(payload(0)));
            HeldSync sync1 = held.next();
            Future<?> second = awaitDurable(wal, wal.append(payload(1)));
            HeldSync sync2 = held.next();
            // the kernel reports a writeback error to one fsync only: the overlapping one's success proves nothing
            sync2.release();
            sync1.fail("EIO");
            assertInstanceOf(IOException.class, assertThrows(ExecutionException.class,
                    () -> first.get(10, TimeUnit.SECONDS)).getCause());
            assertInstanceOf(IOException.class, assertThrows(ExecutionException.class,
                    () -> second.get(10, TimeUnit.SECONDS)).getCause());

            Future<?> third = awaitDurable(wal, wal.append(payload(2)));
            held.next().release();
            third.get(10, TimeUnit.SECONDS);
            assertEquals(3, wal.syncsCompleted());
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, BIG, BIG)) {
            assertEquals(3, wal.recovered().size());
        }
    }

    @Test
    void closeEndsTheSyncInFlightAndItsWaiterFails() throws Exception {
        WriteAheadLog wal = WriteAheadLog.open(dir, BIG, BIG, held);
        Future<?> waiter = awaitDurable(wal, wal.append(payload(0)));
        HeldSync sync = held.next();
        Future<?> closing = waiters.submit(() -> {
            wal.close();
            return null;
        });
        assertStillWaiting(closing);
        // the sync now forces a closed segment
        sync.release();
        closing.get(10, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, assertThrows(ExecutionException.class,
                () -> waiter.get(10, TimeUnit.SECONDS)).getCause());
        assertEquals(wal.syncsStarted(), wal.syncsCompleted());
    }

    private Future<?> awaitDurable(WriteAheadLog wal, long position) {
        return waiters.submit(() -> {
            wal.awaitDurable(position);
            return null;
        });
    }

    /** Waiting cannot prove a future never ends; this only catches one that ends too early. */
    private static void assertStillWaiting(Future<?> future) throws Exception {
        assertThrows(TimeoutException.class, () -> future.get(200, TimeUnit.MILLISECONDS));
        assertFalse(future.isDone());
    }

    private static ByteBuffer payload(int i) {
        return ByteBuffer.wrap(("rec" + i).getBytes(StandardCharsets.US_ASCII));
    }

    /** Segment fsyncs, each held until the test releases (real fsync) or fails it. */
    private static final class HeldSyncs implements WriteAheadLog.SegmentForcer {
        private final BlockingQueue<HeldSync> begun = new LinkedBlockingQueue<>();
        private final List<HeldSync> all = new CopyOnWriteArrayList<>();
        private volatile boolean released;

        @Override
        public void force(FileChannel segment) throws IOException {
            if (!released) {
                HeldSync sync = new HeldSync();
                all.add(sync);
                begun.add(sync);
                IOException failure = sync.outcome.join();
                if (failure != null) {
                    throw failure;
                }
            }
            segment.force(false);
        }

        HeldSync next() throws InterruptedException {
            HeldSync sync = begunWithin(10_000);
            assertNotNull(sync, "no sync began");
            return sync;
        }

        HeldSync begunWithin(long millis) throws InterruptedException {
            return begun.poll(millis, TimeUnit.MILLISECONDS);
        }

        void releaseAll() {
            released = true;
            all.forEach(HeldSync::release);
        }
    }

    private static final class HeldSync {
        final CompletableFuture<IOException> outcome = new CompletableFuture<>();

        void release() {
            outcome.complete(null);
        }

        void fail(String message) {
            outcome.complete(new IOException(message));
        }
    }
}
