package dev.eider.runtime.seal;

import static dev.eider.runtime.seal.SealFixture.accept;
import static dev.eider.runtime.seal.SealFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.MaintainedExporter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule 10 as the seal engine sees it: which seals may be followed by maintenance, and the status counters. */
class MaintenanceHintTest {
    private static final Duration NEVER = Duration.ofHours(1);

    private final SealFixture fixture = new SealFixture();
    private final RecordingExporter exporter = new RecordingExporter();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void automaticSealsAllowMaintenanceFlushesDoNot() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, Duration.ofMillis(30), 1 << 21),
                fixture.writer("ducklake", exporter));
        accept(logs, 100, TestRows.logs(fixture.allocator, "a", 0, 3));
        await("the age-triggered seal", () -> exporter.seals().size() == 1);

        accept(logs, 100, TestRows.logs(fixture.allocator, "f", 0, 3));
        assertEquals("sealed", logs.flush().status());

        List<RecordingExporter.Sealed> seals = exporter.seals();
        assertEquals(2, seals.size());
        assertTrue(seals.get(0).maintenanceAllowed(), "an age-triggered seal with nothing behind it");
        assertFalse(seals.get(1).maintenanceAllowed(), "a flush");
    }

    @Test
    void aSizeTriggeredSealLeavesNoHeadroom() throws Exception {
        // Each request reserves the 1024-byte minimum; the fourth reaches the 4096-byte target.
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(4096, NEVER, 1 << 20),
                fixture.writer("ducklake", exporter));
        for (int request = 0; request < 4; request++) {
            accept(logs, 10, TestRows.logs(fixture.allocator, "s", request, 1));
        }
        await("the size-triggered seal", () -> exporter.seals().size() == 1);
        assertFalse(exporter.seals().get(0).maintenanceAllowed());
    }

    @Test
    void theDrainNeverAllowsMaintenance() throws Exception {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("ducklake", exporter));
        accept(logs, 100, TestRows.logs(fixture.allocator, "d", 0, 3));
        logs.drain(Duration.ofSeconds(30));
        assertEquals(1, exporter.seals().size());
        assertFalse(exporter.seals().get(0).maintenanceAllowed());
    }

    @Test
    void statusAddsUpTheMaintenanceCountersOfItsExporters() {
        MaintainedExporter first = maintained(new MaintenanceStatus(3, 1, System.currentTimeMillis() - 60_000, null));
        MaintainedExporter second = maintained(new MaintenanceStatus(2, 4, System.currentTimeMillis() - 1_000, "disk full"));
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                started("ducklake/a", first), started("ducklake/b", second), fixture.writer("duckdb", exporter));

        PipelineStatus status = logs.status();
        assertEquals(5, status.maintenanceRunsTotal());
        assertEquals(5, status.maintenanceFailuresTotal());
        assertTrue(status.lastMaintenanceAgeMs() >= 1_000 && status.lastMaintenanceAgeMs() < 60_000,
                "the most recent run counts: " + status.lastMaintenanceAgeMs());
        assertEquals("exporter ducklake/b: disk full", status.maintenanceLastError());
    }

    @Test
    void withoutMaintainedExportersTheMaintenanceFieldsAreEmpty() {
        PipelineBuffer logs = fixture.pipeline("logs", new SealSettings(1 << 20, NEVER, 1 << 21),
                fixture.writer("duckdb", exporter));
        PipelineStatus status = logs.status();
        assertEquals(0, status.maintenanceRunsTotal());
        assertEquals(0, status.maintenanceFailuresTotal());
        assertNull(status.lastMaintenanceAgeMs());
        assertNull(status.maintenanceLastError());
    }

    private static MaintainedExporter maintained(MaintenanceStatus status) {
        return new MaintainedExporter() {
            @Override
            public SealTiming seal(Seal seal) {
                return SealTiming.NONE;
            }

            @Override
            public MaintenanceStatus maintenanceStatus() {
                return status;
            }
        };
    }

    private static ExporterWriter started(String id, MaintainedExporter exporter) {
        // Never started: status() only reads the exporter, and no rows are ever buffered here.
        return new ExporterWriter(ComponentId.parse(id), exporter);
    }
}
