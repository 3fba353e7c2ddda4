package dev.eider.processor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.BufferingProcessor;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.seal.SealSettings;
import dev.eider.runtime.seal.AckMode;
import dev.eider.runtime.seal.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchProcessorFactoryTest {
    private final BatchProcessorFactory factory = new BatchProcessorFactory();

    @Test
    void pinsTheTypeKeysAndDefaults() {
        assertEquals("batch", factory.type());
        assertEquals(ComponentKind.PROCESSOR, factory.kind());
        assertTrue(factory.createsBuffer());

        MapConfigSection empty = new MapConfigSection(Map.of());
        BatchConfig config = factory.bind(empty);
        assertEquals(Set.of("seal_target_bytes", "seal_max_age", "max_buffered_bytes", "ack", "wal_dir", "wal_max_bytes",
                "wal_segment_bytes"), empty.read);
        assertEquals(new BatchConfig(128L << 20, Duration.ofSeconds(5), 512L << 20), config);
        assertEquals(Map.of(), empty.errors);
    }

    @Test
    void bindsGivenValues() {
        MapConfigSection section = new MapConfigSection(Map.of(
                "seal_target_bytes", 16L << 20, "seal_max_age", Duration.ofMillis(250), "max_buffered_bytes", 64L << 20));
        assertEquals(new BatchConfig(16L << 20, Duration.ofMillis(250), 64L << 20), factory.bind(section));
        assertEquals(Map.of(), section.errors);
    }

    @Test
    void bindsTheDurableAckModeAndItsLog() {
        MapConfigSection section = new MapConfigSection(Map.of("ack", "durable", "wal_dir", "/var/lib/eider/wal",
                "wal_max_bytes", 64L << 20, "wal_segment_bytes", 1L << 20));
        BatchConfig config = factory.bind(section);
        assertEquals(Map.of(), section.errors);
        assertEquals(new Durability(AckMode.DURABLE, Path.of("/var/lib/eider/wal"), 64L << 20, 1L << 20),
                config.durability());
        BufferingProcessor processor = assertInstanceOf(BufferingProcessor.class, factory.create(context(), config));
        assertEquals(config.durability(), processor.durability());
    }

    @Test
    void refusesAnUnknownAckModeAndASegmentAboveTheCap() {
        MapConfigSection section = new MapConfigSection(Map.of("ack", "fsync", "wal_max_bytes", 1024L,
                "wal_segment_bytes", 2048L));
        factory.bind(section);
        assertEquals(Set.of("ack", "wal_segment_bytes"), section.errors.keySet());
        assertTrue(section.errors.get("ack").contains("buffered, durable, committed"), section.errors.get("ack"));
    }

    @Test
    void reportsEveryBadValueByKey() {
        MapConfigSection nonPositive = new MapConfigSection(Map.of(
                "seal_target_bytes", 0L, "seal_max_age", Duration.ZERO, "max_buffered_bytes", -1L));
        factory.bind(nonPositive);
        assertEquals(Map.of("seal_target_bytes", "must be > 0", "seal_max_age", "must be > 0",
                "max_buffered_bytes", "must be > 0"), nonPositive.errors);

        MapConfigSection targetAboveCap = new MapConfigSection(Map.of(
                "seal_target_bytes", 2048L, "max_buffered_bytes", 1024L));
        factory.bind(targetAboveCap);
        assertEquals(Set.of("seal_target_bytes"), targetAboveCap.errors.keySet());
        assertTrue(targetAboveCap.errors.get("seal_target_bytes").contains("max_buffered_bytes"));
    }

    @Test
    void createsABufferingProcessorWithTheSettings() {
        BatchConfig config = new BatchConfig(1024, Duration.ofSeconds(1), 4096);
        BufferingProcessor processor = assertInstanceOf(BufferingProcessor.class, factory.create(context(), config));
        assertEquals(new SealSettings(1024, Duration.ofSeconds(1), 4096), processor.sealSettings());
    }

    @Test
    void theModuleContributesTheFactory() {
        assertInstanceOf(BatchProcessorFactory.class, BatchProcessorModule.batch());
    }

    private static ProcessorContext context() {
        return new ProcessorContext() {
            @Override
            public ComponentId id() {
                return ComponentId.of("batch");
            }

            @Override
            public String pipelineId() {
                return "logs";
            }

            @Override
            public Signal signal() {
                return Signal.LOGS;
            }
        };
    }
}
