package dev.eider.processor.batch;

import dev.eider.runtime.component.BufferingProcessor;
import dev.eider.runtime.seal.SealSettings;

/**
 * The {@code batch} processor: passes rows through unchanged and tells the runtime how to size
 * the pipeline's seal buffer, which the runtime owns.
 */
final class BatchProcessor implements BufferingProcessor {
    private final SealSettings settings;

    BatchProcessor(SealSettings settings) {
        this.settings = settings;
    }

    @Override
    public SealSettings sealSettings() {
        return settings;
    }
}
