package dev.eider.runtime.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.PositionTrackingExporter;
import dev.eider.runtime.pipeline.RejectedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ack modes of docs/seal-contract.md point 9 as amended by issue 7: durable, committed. */
class DurableAckTest {
    private static final SealSettings SLOW = new SealSettings(64L << 20, Duration.ofHours(1), 128L << 20);

    @TempDir
    Path walDir;

    /** Keeps the end of the last committed log range, as a transactional target would in its own table. */
    static final class TrackingExporter implements PositionTrackingExporter {
        final RecordingExporter rows = new RecordingExporter();
        /** The ranges of the seals committed, in order. */
        final List<WalRange> ranges = new ArrayList<>();
        /** The ranges of every seal attempt, failed ones included, in order. */
        final List<WalRange> attempts = new ArrayList<>();
        volatile OptionalLong position = OptionalLong.empty();
        volatile OptionalLong unfinished = OptionalLong.empty();

        @Override
        public SealTiming seal(Seal seal) throws Exception {
            synchronized (ranges) {
                attempts.add(seal.walRange());
            }
            SealTiming timing = rows.seal(seal);
            synchronized (ranges) {
                ranges.add(seal.walRange());
            }
            position = OptionalLong.of(seal.walRange().to());
            return timing;
        }

        @Override
        public OptionalLong committedWalPosition(String pipelineId) {
            return position;
        }

        @Override
        public OptionalLong unfinishedSealEnd(String pipelineId) {
            return unfinished;
        }
    }

    @Test
    void loggedRequestsThatNoExporterCommittedAreReplayedAtTheNextStart() throws Exception {
        Durability durable = durable(64L << 20);
        try (SealFixture fixture = new SealFixture()) {
            RecordingExporter down = new RecordingExporter();
            down.failWith("target is down");
            PipelineBuffer first = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb", down));
            SealFixture.accept(first, 100, TestRows.logs(fixture.allocator, "a", 0, 3));
            SealFixture.accept(first, 100, TestRows.logs(fixture.allocator, "b", 0, 2));
            first.close(); // as if the process died: nothing was sealed

            RecordingExporter up = new RecordingExporter();
            PipelineBuffer second = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb/2", up));
            SealFixture.await("the replayed rows are committed", () -> up.committedIds().size() == 5);
            List<String> expected = new ArrayList<>(TestRows.ids("a", 0, 3));
            expected.addAll(TestRows.ids("b", 0, 2));
            assertEquals(expected, up.committedIds());
            assertEquals(0, second.status().bufferedRows());
        }
    }

    @Test
    void aTrackingExporterSkipsWhatItCommittedAndPositionsGoOnAcrossRestarts() throws Exception {
        Durability durable = durable(64L << 20);
        TrackingExporter target = new TrackingExporter();
        try (SealFixture fixture = new SealFixture()) {
            PipelineBuffer first = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb", target));
            for (int i = 0; i < 4; i++) {
                SealFixture.accept(first, 100, TestRows.logs(fixture.allocator, "r" + i, 0, 1));
            }
            assertEquals(null, first.flush().error());
            // the records stay in the active segment: a restart now is a crash between commit and truncation
            first.close();

            PipelineBuffer second = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb/2", target));
            assertEquals(0, second.status().bufferedRows(), "nothing committed is replayed");
            SealFixture.accept(second, 100, TestRows.logs(fixture.allocator, "r4", 0, 1));
            assertEquals(null, second.flush().error());
            assertEquals(List.of("r00", "r10", "r20", "r30", "r40"), target.rows.committedIds());
            assertEquals(List.of(new WalRange(0, 4), new WalRange(4, 5)), target.ranges);
        }
    }

    @Test
    void aFailedSealIsRetriedWithTheSameRangeAndNewerRequestsFollowInTheNext() throws Exception {
        TrackingExporter target = new TrackingExporter();
        target.rows.failNext(1);
        try (SealFixture fixture = new SealFixture()) {
            PipelineBuffer logs = fixture.pipeline("logs", SLOW, durable(64L << 20), fixture.writer("duckdb", target));
            SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "a", 0, 2));
            SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "b", 0, 1));
            assertTrue(logs.flush().error() != null, "the first attempt fails");
            SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "c", 0, 1));
            assertEquals(null, logs.flush().error());
            assertEquals(List.of(new WalRange(0, 2), new WalRange(0, 2), new WalRange(2, 3)), target.attempts);
            assertEquals(List.of("a0", "a1", "b0", "c0"), target.rows.committedIds());
        }
    }

    @Test
    void replaySealsARangeTheExporterMayHoldInPartAloneFirst() throws Exception {
        Durability durable = durable(64L << 20);
        TrackingExporter target = new TrackingExporter();
        try (SealFixture fixture = new SealFixture()) {
            RecordingExporter down = new RecordingExporter();
            down.failWith("target is down");
            PipelineBuffer first = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb", down));
            for (int i = 0; i < 4; i++) {
                SealFixture.accept(first, 100, TestRows.logs(fixture.allocator, "r" + i, 0, 1));
            }
            first.close();

            // As if seal [1, 3) had stored some of its tables before the crash.
            target.position = OptionalLong.of(1);
            target.unfinished = OptionalLong.of(3);
            PipelineBuffer second = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb/2", target));
            SealFixture.await("the replayed rows are committed", () -> second.status().bufferedRows() == 0);
            assertEquals(List.of(new WalRange(1, 3), new WalRange(3, 4)), target.ranges);
            assertEquals(List.of("r10", "r20", "r30"), target.rows.committedIds());
        }
    }

    @Test
    void anUnfinishedRangeWhoseRecordsWereDeletedCountsAsComplete() throws Exception {
        // One record per segment: a seal frees the segments below it (the newest one stays).
        Durability durable = new Durability(AckMode.DURABLE, walDir, 64L << 20, 1);
        TrackingExporter target = new TrackingExporter();
        try (SealFixture fixture = new SealFixture()) {
            PipelineBuffer first = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb", target));
            for (int i = 0; i < 3; i++) {
                SealFixture.accept(first, 100, TestRows.logs(fixture.allocator, "r" + i, 0, 1));
            }
            assertEquals(null, first.flush().error());
            SealFixture.accept(first, 100, TestRows.logs(fixture.allocator, "r3", 0, 1));
            first.close();

            // Claims seal [1, 3) may be partial, but record 1 is gone from the log: every exporter committed it.
            target.position = OptionalLong.of(1);
            target.unfinished = OptionalLong.of(3);
            PipelineBuffer second = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb/2", target));
            SealFixture.await("the replayed rows are committed", () -> second.status().bufferedRows() == 0);
            assertEquals(List.of(new WalRange(0, 3), new WalRange(3, 4)), target.ranges);
            assertEquals(List.of("r00", "r10", "r20", "r30"), target.rows.committedIds());
        }
    }

    @Test
    void aFullLogRefusesAsOverloadedAndTakesRequestsAgainOnceSealed() throws Exception {
        // one record per segment, room for about three
        Durability small = new Durability(AckMode.DURABLE, walDir, 3 * 2_000, 1);
        try (SealFixture fixture = new SealFixture()) {
            RecordingExporter target = new RecordingExporter();
            PipelineBuffer logs = fixture.pipeline("logs", SLOW, small, fixture.writer("duckdb", target));
            int accepted = 0;
            RejectedException refused = null;
            while (refused == null && accepted < 100) {
                try {
                    SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "f" + accepted, 0, 1));
                    accepted++;
                } catch (RejectedException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null && accepted > 0, "accepted " + accepted);
            assertEquals(RejectedException.Reason.OVERLOADED, refused.reason());
            assertTrue(refused.getMessage().contains("is full"), refused.getMessage());
            assertEquals(accepted, logs.status().bufferedRows(), "the refused request is not kept");

            assertEquals(null, logs.flush().error());
            SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "after", 0, 1));
            assertEquals(null, logs.flush().error());
            assertEquals(accepted + 1, target.committedIds().size());
        }
    }

    @Test
    void committedAckReturnsOnlyOnceTheSealCommitted() throws Exception {
        SealSettings quick = new SealSettings(64L << 20, Duration.ofMillis(50), 128L << 20);
        Durability committed = new Durability(AckMode.COMMITTED, walDir, 1L << 20, 1L << 20);
        try (SealFixture fixture = new SealFixture()) {
            RecordingExporter target = new RecordingExporter();
            PipelineBuffer logs = fixture.pipeline("logs", quick, committed, fixture.writer("duckdb", target));
            SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "c", 0, 2));
            assertEquals(TestRows.ids("c", 0, 2), target.committedIds());
        }
    }

    @Test
    void aBufferThatCannotReadItsLogDoesNotStart() throws Exception {
        java.nio.file.Files.writeString(walDir.resolve("logs"), "a file where the log directory should be");
        try (SealFixture fixture = new SealFixture()) {
            RecordingExporter target = new RecordingExporter();
            PipelineBuffer buffer = new PipelineBuffer("logs", SLOW, durable(1L << 20),
                    List.of(fixture.writer("duckdb", target)), fixture.history, PipelineBuffer.DEFAULT_FLUSH_TIMEOUT,
                    fixture.allocator, 0);
            Exception e = assertThrows(java.io.UncheckedIOException.class, buffer::start);
            assertTrue(e.getMessage().contains("cannot recover the write-ahead log"), e.getMessage());
            assertThrows(RejectedException.class, () -> buffer.admit(10));
        }
    }

    private Durability durable(long maxBytes) {
        return new Durability(AckMode.DURABLE, walDir, maxBytes, 1L << 20);
    }
}
