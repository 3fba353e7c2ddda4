package dev.eider.runtime.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.table.TableBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writers, buffers and an Arrow allocator for one test; {@link #close()} stops everything and
 * fails the test if any Arrow memory leaked.
 */
final class SealFixture implements AutoCloseable {
    static final RetryBackoff FAST_BACKOFF = new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final RootAllocator allocator = new RootAllocator();
    final SealHistory history = new SealHistory();
    private final List<RecordingExporter> exporters = new ArrayList<>();
    private final List<ExporterWriter> writers = new ArrayList<>();
    private final List<PipelineBuffer> buffers = new ArrayList<>();

    /** A started writer around a new recording exporter. */
    ExporterWriter writer(String id, RecordingExporter exporter) {
        ExporterWriter writer = new ExporterWriter(ComponentId.parse(id), exporter, FAST_BACKOFF);
        exporters.add(exporter);
        writers.add(writer);
        writer.start();
        return writer;
    }

    /** A started buffer. */
    PipelineBuffer pipeline(String id, SealSettings settings, ExporterWriter... into) {
        return pipeline(id, settings, PipelineBuffer.DEFAULT_FLUSH_TIMEOUT, into);
    }

    PipelineBuffer pipeline(String id, SealSettings settings, Duration flushTimeout, ExporterWriter... into) {
        PipelineBuffer buffer = new PipelineBuffer(id, settings, List.of(into), history, flushTimeout, 0);
        buffers.add(buffer);
        buffer.start();
        return buffer;
    }

    /** A started buffer that acknowledges as {@code durability} says. */
    PipelineBuffer pipeline(String id, SealSettings settings, Durability durability, ExporterWriter... into) {
        PipelineBuffer buffer = new PipelineBuffer(id, settings, durability, List.of(into), history,
                PipelineBuffer.DEFAULT_FLUSH_TIMEOUT, allocator, 0);
        buffers.add(buffer);
        buffer.start();
        return buffer;
    }

    /** A started writer around any exporter; stopped by {@link #close()}. */
    ExporterWriter writer(String id, dev.eider.runtime.component.Exporter exporter) {
        ExporterWriter writer = new ExporterWriter(ComponentId.parse(id), exporter, FAST_BACKOFF);
        writers.add(writer);
        writer.start();
        return writer;
    }

    /** Admits a request of {@code encodedBytes} and adds its rows, as a receiver would. */
    static void accept(PipelineBuffer buffer, long encodedBytes, TableBatches rows) throws RejectedException {
        Admission admission;
        try {
            admission = buffer.admit(encodedBytes);
        } catch (RejectedException e) {
            rows.close();
            throw e;
        }
        buffer.add(admission, rows);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }

    @Override
    public void close() {
        for (RecordingExporter e : exporters) {
            e.open();
        }
        for (ExporterWriter w : writers) {
            w.stop();
        }
        for (PipelineBuffer b : buffers) {
            b.close();
            assertEquals(0, b.status().admittedBytes(), "reservation left in " + b.pipelineId());
        }
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }
}
