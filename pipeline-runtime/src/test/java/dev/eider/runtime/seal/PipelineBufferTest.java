package dev.eider.runtime.seal;

import static dev.eider.runtime.seal.SealFixture.accept;
import static dev.eider.runtime.seal.SealFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Triggers, flush and admission of one pipeline buffer with one healthy exporter. */
class PipelineBufferTest {
    private static final Duration NEVER = Duration.ofHours(1);

    private final SealFixture fixture = new SealFixture();
    private final RecordingExporter exporter = new RecordingExporter();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void sizeTriggerSealsOnceAdmittedBytesReachTheTarget() throws Exception {
        // Each request reserves the 1024-byte minimum; the fourth reaches the 4096-byte target.
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(4096, NEVER, 1 << 20),
                fixture.writer("duckdb", exporter));
        for (int request = 0; request < 4; request++) {
            accept(logs, 10, TestRows.logs(fixture.allocator, "r", request * 3, 3));
        }

        await("the size-triggered seal", () -> exporter.seals().size() == 1);
        RecordingExporter.Sealed seal = exporter.seals().get(0);
        assertEquals("logs", seal.pipelineId());
        assertEquals(Map.of(Table.LOGS, 4), seal.batchesPerTable(), "one seal of all four requests");
        assertEquals(TestRows.ids("r", 0, 12), seal.ids());
        await("the rows are released", () -> logs.status().bufferedRows() == 0);
        PipelineStatus status = logs.status();
        assertEquals(1, status.sealsTotal());
        assertEquals(12, status.committedRowsTotal());
        assertEquals(0, status.admittedBytes());
    }

    @Test
    void ageTriggerSealsTheOldestRows() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, Duration.ofMillis(50), 1 << 21),
                fixture.writer("duckdb", exporter));
        accept(logs, 100, TestRows.logs(fixture.allocator, "a", 0, 5));

        await("the age-triggered seal", () -> exporter.seals().size() == 1);
        assertEquals(TestRows.ids("a", 0, 5), exporter.committedIds());
        await("the rows are released", () -> logs.status().committedRowsTotal() == 5);
    }

    @Test
    void flushSealsEverythingBufferedAndReportsCounts() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("duckdb", exporter));
        accept(logs, 100, TestRows.logs(fixture.allocator, "f", 0, 5));
        accept(logs, 100, TestRows.logs(fixture.allocator, "f", 5, 7));
        assertEquals(12, logs.status().bufferedRows());
        assertNotNull(logs.status().oldestBufferedAgeMs());
        assertNull(logs.status().lastSealAgeMs(), "no seal yet");

        assertEquals(new FlushResult("sealed", 12, 1, null), logs.flush());
        assertEquals(TestRows.ids("f", 0, 12), exporter.committedIds());
        assertEquals(new FlushResult("sealed", 0, 1, null), logs.flush(), "nothing left to seal");
        PipelineStatus status = logs.status();
        assertEquals(0, status.bufferedRows());
        assertEquals(0, status.bufferedBytes());
        assertNull(status.oldestBufferedAgeMs());
        assertNotNull(status.lastSealAgeMs());
        assertEquals(List.of("duckdb"), status.exporters());
    }

    @Test
    void aSealHoldsOneBatchListPerTableInTableOrder() throws Exception {
        PipelineBuffer metrics = fixture.pipeline("metrics", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("duckdb", exporter));
        accept(metrics, 100, TableBatches.of(List.of(
                TestRows.batch(fixture.allocator, Table.METRICS_SUM, "s", 0, 2),
                TestRows.batch(fixture.allocator, Table.METRICS_GAUGE, "g", 0, 3))));
        accept(metrics, 100, TableBatches.of(List.of(
                TestRows.batch(fixture.allocator, Table.METRICS_GAUGE, "g", 3, 1))));

        assertEquals("sealed", metrics.flush().status());
        RecordingExporter.Sealed seal = exporter.seals().get(0);
        assertEquals(List.of(Table.METRICS_GAUGE, Table.METRICS_SUM), new ArrayList<>(seal.batchesPerTable().keySet()));
        assertEquals(2, seal.batchesPerTable().get(Table.METRICS_GAUGE));
        assertEquals(List.of("g0", "g1", "g2", "g3", "s0", "s1"), seal.ids());
    }

    @Test
    void windowsThatPileUpWhileTheWriterIsBusyAreMergedIntoOneSeal() throws Exception {
        // Every request reaches the target by itself, so each one requests a seal.
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1024, NEVER, 1 << 20),
                fixture.writer("duckdb", exporter));
        exporter.closeGate();
        accept(logs, 10, TestRows.logs(fixture.allocator, "m", 0, 2));
        await("the first seal is in the exporter", () -> exporter.attempts() == 1);
        accept(logs, 10, TestRows.logs(fixture.allocator, "m", 2, 2));
        accept(logs, 10, TestRows.logs(fixture.allocator, "m", 4, 2));
        exporter.open();

        await("both seals", () -> exporter.seals().size() == 2);
        assertEquals(TestRows.ids("m", 0, 2), exporter.seals().get(0).ids());
        RecordingExporter.Sealed merged = exporter.seals().get(1);
        assertEquals(Map.of(Table.LOGS, 2), merged.batchesPerTable());
        assertEquals(TestRows.ids("m", 2, 4), merged.ids());
        assertEquals(2, exporter.attempts());
    }

    @Test
    void admissionRefusesAtTheCapAndReleasesOnClose() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(4096, NEVER, 4096),
                fixture.writer("duckdb", exporter));
        Admission big = logs.admit(3000);
        Admission small = logs.admit(10);
        assertEquals(1024, small.reservedBytes(), "the minimum reservation");
        assertEquals(4024, logs.status().admittedBytes());

        RejectedException refused = assertThrows(RejectedException.class, () -> logs.admit(10));
        assertEquals(RejectedException.Reason.OVERLOADED, refused.reason());
        assertNotNull(refused.retryAfter());
        assertTrue(refused.getMessage().contains("max_buffered_bytes"), refused.getMessage());

        big.close();
        big.close();
        assertEquals(1024, logs.status().admittedBytes(), "closing twice releases once");
        Admission again = logs.admit(10);
        assertEquals(2048, logs.status().admittedBytes());
        small.close();
        again.close();
        assertEquals(0, logs.status().admittedBytes());
    }

    @Test
    void anAcceptedRequestKeepsItsReservationUntilSealed() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("duckdb", exporter));
        try (Admission admission = logs.admit(2000)) {
            logs.add(admission, TestRows.logs(fixture.allocator, "k", 0, 3));
        }
        assertEquals(2000, logs.status().admittedBytes(), "closing a consumed admission keeps the reservation");
        assertEquals(3, logs.status().bufferedRows());

        logs.flush();
        assertEquals(0, logs.status().admittedBytes());
    }

    @Test
    void anAdmissionCannotBeUsedTwice() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("duckdb", exporter));
        Admission admission = logs.admit(10);
        logs.add(admission, TestRows.logs(fixture.allocator, "u", 0, 1));
        TableBatches second = TestRows.logs(fixture.allocator, "u", 1, 1);
        assertThrows(IllegalStateException.class, () -> logs.add(admission, second));
        assertEquals(1, logs.status().bufferedRows());
    }

    @Test
    void admitRefusesAsUnavailableBeforeStartAndAfterStop() throws Exception {
        ExporterWriter writer = fixture.writer("duckdb", exporter);
        try (PipelineBuffer idle = new PipelineBuffer("logs/idle", SealSettings.DEFAULTS, List.of(writer), fixture.history)) {
            RejectedException notStarted = assertThrows(RejectedException.class, () -> idle.admit(10));
            assertEquals(RejectedException.Reason.UNAVAILABLE, notStarted.reason());
        }
        PipelineBuffer logs = fixture.pipeline("logs", SealSettings.DEFAULTS, writer);
        logs.drain(Duration.ofSeconds(5));
        RejectedException stopped = assertThrows(RejectedException.class, () -> logs.admit(10));
        assertEquals(RejectedException.Reason.UNAVAILABLE, stopped.reason());
    }

    @Test
    void flushReturnsTheErrorWhenASealFailsAndKeepsTheRows() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("duckdb/main", exporter));
        exporter.failWith("disk full");
        accept(logs, 2000, TestRows.logs(fixture.allocator, "e", 0, 4));

        FlushResult result = logs.flush();
        assertEquals("failed", result.status());
        assertEquals(0, result.sealedRows());
        assertTrue(result.error().contains("disk full") && result.error().contains("duckdb/main"), result.error());
        PipelineStatus status = logs.status();
        assertEquals(4, status.bufferedRows());
        assertEquals(2000, status.admittedBytes());
        assertTrue(status.sealFailuresTotal() >= 1);
        assertTrue(status.sealLastError().contains("disk full"), status.sealLastError());

        exporter.heal();
        assertEquals("sealed", logs.flush().status());
        assertEquals(TestRows.ids("e", 0, 4), exporter.committedIds());
        assertNull(logs.status().sealLastError());
    }

    @Test
    void flushGivesUpAfterItsTimeoutOnATargetThatHangs() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                Duration.ofMillis(100), fixture.writer("duckdb", exporter));
        exporter.closeGate();
        accept(logs, 10, TestRows.logs(fixture.allocator, "h", 0, 2));

        FlushResult result = logs.flush();
        assertEquals("failed", result.status());
        assertTrue(result.error().contains("timed out"), result.error());

        exporter.open();
        await("the held seal completes", () -> logs.status().bufferedRows() == 0);
        assertEquals(TestRows.ids("h", 0, 2), exporter.committedIds());
    }

    @Test
    void theHistoryRecordsEveryAttemptWithItsCounters() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("duckdb/a", exporter));
        exporter.failNext(1);
        exporter.reportTiming(new SealTiming(7, 3));
        accept(logs, 1500, TestRows.logs(fixture.allocator, "s", 0, 4));

        assertEquals("failed", logs.flush().status());
        await("the retry succeeds", () -> fixture.history.snapshot().size() == 2);

        List<SealRecord> records = fixture.history.snapshot();
        SealRecord failed = records.get(0);
        assertEquals("logs", failed.pipeline());
        assertEquals("duckdb/a", failed.exporter());
        assertEquals(false, failed.success());
        assertEquals("injected failure", failed.error());
        assertEquals(0, failed.rowsCommitted());
        assertEquals(1500, failed.admittedBytes());
        assertEquals(0, failed.appendDurationMs());
        assertEquals(0, failed.sealsTotal());
        assertEquals(1, failed.sealFailuresTotal());
        assertEquals(0, failed.committedRowsTotal());

        SealRecord good = records.get(1);
        assertEquals(true, good.success());
        assertNull(good.error());
        assertTrue(good.sealSequence() > failed.sealSequence());
        assertTrue(good.completedUnixMs() >= good.startedUnixMs());
        assertTrue(good.durationMs() >= 0);
        assertEquals(7, good.appendDurationMs());
        assertEquals(3, good.commitDurationMs());
        assertEquals(4, good.rowsCommitted());
        assertEquals(1500, good.admittedBytes());
        assertEquals(1, good.sealsTotal());
        assertEquals(1, good.sealFailuresTotal());
        assertEquals(4, good.committedRowsTotal());
    }
}
