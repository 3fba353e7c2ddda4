package dev.eider.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The two allocators an exporter test needs, children of one root as in the collector: the
 * pipeline's (batches) and the exporter's. {@link #close()} fails the test when the exporter's
 * leaked; close it after the exporters were shut down and the batches closed.
 */
public final class ExporterAllocators implements AutoCloseable {
    private final RootAllocator root = new RootAllocator();
    private final BufferAllocator pipeline = root.newChildAllocator("pipeline", 0, Long.MAX_VALUE);
    private final BufferAllocator exporter = root.newChildAllocator("exporter", 0, Long.MAX_VALUE);

    public BufferAllocator pipeline() {
        return pipeline;
    }

    public BufferAllocator exporter() {
        return exporter;
    }

    @Override
    public void close() {
        assertEquals(0, exporter.getAllocatedMemory(), "exporter allocator leaked");
        exporter.close();
        pipeline.close();
        root.close();
    }
}
