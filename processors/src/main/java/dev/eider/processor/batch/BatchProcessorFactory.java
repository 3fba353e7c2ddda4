package dev.eider.processor.batch;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.config.ConfigSection;

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
        BatchConfig config = new BatchConfig(
                section.size(BatchConfig.SEAL_TARGET_BYTES, defaults.sealTargetBytes()),
                section.duration(BatchConfig.SEAL_MAX_AGE, defaults.sealMaxAge()),
                section.size(BatchConfig.MAX_BUFFERED_BYTES, defaults.maxBufferedBytes()));
        config.problems().forEach(section::error);
        return config;
    }

    @Override
    public Processor create(ProcessorContext context, BatchConfig config) {
        return new BatchProcessor(config.sealSettings());
    }
}
