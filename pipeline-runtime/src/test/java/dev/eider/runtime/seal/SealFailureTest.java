package dev.eider.runtime.seal;

import static dev.eider.runtime.seal.SealFixture.accept;
import static dev.eider.runtime.seal.SealFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules 5 and 6: per-exporter progress, retries that keep rows, readiness, and lost rows on a failed stop. */
class SealFailureTest {
    private static final SealSettings FLUSH_ONLY = new SealSettings(1 << 20, Duration.ofHours(1), 1 << 21);

    private final SealFixture fixture = new SealFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void fanOutNeverRewritesAGoodExporterWhileAnotherCatchesUp() throws Exception {
        RecordingExporter good = new RecordingExporter();
        RecordingExporter bad = new RecordingExporter();
        bad.failWith("catalog unreachable");
        PipelineBuffer logs = fixture.pipeline("logs", FLUSH_ONLY,
                fixture.writer("duckdb", good), fixture.writer("ducklake", bad));

        accept(logs, 10, TestRows.logs(fixture.allocator, "x", 0, 10));
        FlushResult first = logs.flush();
        assertEquals("failed", first.status());
        assertTrue(first.error().contains("ducklake") && first.error().contains("catalog unreachable"), first.error());
        await("the good exporter has the first rows", () -> good.committedIds().size() == 10);

        accept(logs, 10, TestRows.logs(fixture.allocator, "x", 10, 10));
        assertEquals("failed", logs.flush().status());
        await("the good exporter has the second rows", () -> good.committedIds().size() == 20);
        assertEquals(TestRows.ids("x", 10, 10), good.seals().get(1).ids(), "the second seal holds only new rows");
        PipelineStatus stuck = logs.status();
        assertEquals(20, stuck.bufferedRows(), "rows stay until every exporter has them");
        assertEquals(2048, stuck.admittedBytes(), "the reservation stays until every exporter has the rows");
        assertEquals(0, stuck.committedRowsTotal());

        bad.heal();
        FlushResult caughtUp = logs.flush();
        assertEquals("sealed", caughtUp.status(), String.valueOf(caughtUp.error()));
        assertEquals(TestRows.ids("x", 0, 20), bad.committedIds());
        assertEquals(TestRows.ids("x", 0, 20), good.committedIds(), "nothing written twice to the good exporter");
        assertEquals(2, good.seals().size());
        PipelineStatus done = logs.status();
        assertEquals(0, done.bufferedRows());
        assertEquals(0, done.admittedBytes());
        assertEquals(20, done.committedRowsTotal());
        assertEquals(List.of("duckdb", "ducklake"), done.exporters());
    }

    @Test
    void aFailingSealIsRetriedWithBackoffAndLosesNothing() throws Exception {
        RecordingExporter exporter = new RecordingExporter();
        exporter.failNext(3);
        PipelineBuffer logs = fixture.pipeline("logs", FLUSH_ONLY, fixture.writer("duckdb", exporter));
        accept(logs, 10, TestRows.logs(fixture.allocator, "b", 0, 6));

        assertEquals("failed", logs.flush().status());
        await("the retries get through", () -> exporter.seals().size() == 1);
        assertEquals(TestRows.ids("b", 0, 6), exporter.committedIds());
        assertEquals(4, exporter.attempts());
        await("the rows are released", () -> logs.status().bufferedRows() == 0);
        PipelineStatus status = logs.status();
        assertEquals(3, status.sealFailuresTotal());
        assertEquals(1, status.sealsTotal());
        assertEquals(6, status.committedRowsTotal());
        List<Boolean> outcomes = new ArrayList<>();
        for (SealRecord r : fixture.history.snapshot()) {
            outcomes.add(r.success());
        }
        assertEquals(List.of(false, false, false, true), outcomes);
    }

    @Test
    void readinessTurnsFalseWhileRowsAreStuckAndBackWhenTheyGetThrough() throws Exception {
        RecordingExporter exporter = new RecordingExporter();
        PipelineBuffer logs = fixture.pipeline("logs", FLUSH_ONLY, fixture.writer("duckdb", exporter));
        assertTrue(logs.ready());

        exporter.failWith("permission denied");
        accept(logs, 10, TestRows.logs(fixture.allocator, "r", 0, 3));
        assertEquals("failed", logs.flush().status());
        assertFalse(logs.ready(), "a seal failed, rows are buffered, and no good seal yet");

        exporter.heal();
        await("readiness returns", logs::ready);
        await("the stuck rows are committed", () -> exporter.committedIds().equals(TestRows.ids("r", 0, 3)));
    }

    @Test
    void aFailureShortlyAfterAGoodSealKeepsThePipelineReady() throws Exception {
        // The last good seal is far younger than three max-age cycles (3 h here).
        RecordingExporter exporter = new RecordingExporter();
        PipelineBuffer logs = fixture.pipeline("logs", FLUSH_ONLY, fixture.writer("duckdb", exporter));
        accept(logs, 10, TestRows.logs(fixture.allocator, "ok", 0, 1));
        assertEquals("sealed", logs.flush().status());

        exporter.failWith("transient");
        accept(logs, 10, TestRows.logs(fixture.allocator, "ok", 1, 1));
        assertEquals("failed", logs.flush().status());
        assertTrue(logs.ready());
        exporter.heal();
    }

    @Test
    void aStopThatCannotSealReportsTheRowsItLost() throws Exception {
        RecordingExporter exporter = new RecordingExporter();
        exporter.failWith("gone");
        PipelineBuffer logs = fixture.pipeline("logs", FLUSH_ONLY, fixture.writer("duckdb", exporter));
        accept(logs, 10, TestRows.logs(fixture.allocator, "l", 0, 5));

        RowsLostException lost = assertThrows(RowsLostException.class, () -> logs.drain(Duration.ofMillis(200)));
        assertEquals(5, lost.unsealedRows());
        assertEquals("logs", lost.pipelineId());
        assertTrue(lost.getMessage().contains("gone"), lost.getMessage());
    }
}
