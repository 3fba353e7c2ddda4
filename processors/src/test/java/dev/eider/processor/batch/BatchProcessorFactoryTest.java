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
import dev.eider.runtime.testkit.ConfigBinding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchProcessorFactoryTest {
    private final BatchProcessorFactory factory = new BatchProcessorFactory();

    @Test
    void pinsTheTypeKeysAndDefaults() {
        assertEquals("batch", factory.type());
        assertEquals(ComponentKind.PROCESSOR, factory.kind());
        assertTrue(factory.createsBuffer());

        assertEquals(Set.of("seal_target_bytes", "seal_max_age", "max_buffered_bytes", "ack", "wal_dir", "wal_max_bytes",
                "wal_segment_bytes"), ConfigBinding.knownKeys(factory));
        assertEquals(new BatchConfig(128L << 20, Duration.ofSeconds(5), 512L << 20), ConfigBinding.bind(factory, ""));
    }

    @Test
    void bindsGivenValues() {
        assertEquals(new BatchConfig(16L << 20, Duration.ofMillis(250), 64L << 20), ConfigBinding.bind(factory,
                "{seal_target_bytes: 16MiB, seal_max_age: 250ms, max_buffered_bytes: 64MiB}"));
    }

    @Test
    void bindsTheDurableAckModeAndItsLog() {
        BatchConfig config = ConfigBinding.bind(factory,
                "{ack: durable, wal_dir: /var/lib/eider/wal, wal_max_bytes: 64MiB, wal_segment_bytes: 1MiB}");
        assertEquals(new Durability(AckMode.DURABLE, Path.of("/var/lib/eider/wal"), 64L << 20, 1L << 20),
                config.durability());
        BufferingProcessor processor = assertInstanceOf(BufferingProcessor.class, factory.create(context(), config));
        assertEquals(config.durability(), processor.durability());
    }

    @Test
    void refusesAnUnknownAckModeAndASegmentAboveTheCap() {
        List<String> errors = ConfigBinding.errors(factory, "{ack: fsync, wal_max_bytes: 1024, wal_segment_bytes: 2048}");
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("processors::batch::ack: ") && errors.get(0).contains("buffered, durable, committed"),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("processors::batch::wal_segment_bytes: "), errors.get(1));
    }

    @Test
    void reportsEveryBadValueByKey() {
        assertEquals(List.of("processors::batch::seal_target_bytes: must be > 0",
                        "processors::batch::seal_max_age: must be > 0",
                        "processors::batch::max_buffered_bytes: must be > 0"),
                ConfigBinding.errors(factory, "{seal_target_bytes: 0, seal_max_age: 0s, max_buffered_bytes: 0}"));

        List<String> targetAboveCap = ConfigBinding.errors(factory, "{seal_target_bytes: 2048, max_buffered_bytes: 1024}");
        assertEquals(1, targetAboveCap.size(), targetAboveCap.toString());
        assertTrue(targetAboveCap.get(0).startsWith("processors::batch::seal_target_bytes: ")
                && targetAboveCap.get(0).contains("max_buffered_bytes"), targetAboveCap.get(0));
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
