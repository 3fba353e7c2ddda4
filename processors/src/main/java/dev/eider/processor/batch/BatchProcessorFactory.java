package dev.eider.processor.batch;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.seal.AckMode;
import dev.eider.runtime.seal.Durability;
import java.nio.file.Path;

/** Factory of the {@code batch} processor, the pipeline's seal buffer settings. */
public final class BatchProcessorFactory implements ProcessorFactory<BatchConfig> {
    public static final String TYPE = "batch";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean createsBuffer() {
        return true;
    }

    @Override
    public BatchConfig bind(ConfigSection section) {
        BatchConfig defaults = BatchConfig.DEFAULTS;
        Durability durability = defaults.durability();
        String ackName = section.string(BatchConfig.ACK, durability.ack().configName());
        AckMode ack = AckMode.parse(ackName);
        if (ack == null) {
            section.error(BatchConfig.ACK, "unknown ack mode '" + ackName + "'; one of " + BatchConfig.ackModes());
            ack = durability.ack();
        }
        Path walDir = Path.of(section.string(BatchConfig.WAL_DIR, durability.walDir().toString()));
        BatchConfig config = new BatchConfig(
                section.size(BatchConfig.SEAL_TARGET_BYTES, defaults.sealTargetBytes()),
                section.duration(BatchConfig.SEAL_MAX_AGE, defaults.sealMaxAge()),
                section.size(BatchConfig.MAX_BUFFERED_BYTES, defaults.maxBufferedBytes()),
                new Durability(ack, walDir, section.size(BatchConfig.WAL_MAX_BYTES, durability.walMaxBytes()),
                        section.size(BatchConfig.WAL_SEGMENT_BYTES, durability.walSegmentBytes())));
        config.problems().forEach(section::error);
        return config;
    }

    @Override
    public Processor create(ProcessorContext context, BatchConfig config) {
        return new BatchProcessor(config.sealSettings(), config.durability());
    }
}
