package dev.eider.processor.batch;

import dev.eider.runtime.component.BufferingProcessor;
import dev.eider.runtime.seal.Durability;
import dev.eider.runtime.seal.SealSettings;

/**
 * The {@code batch} processor: passes rows through unchanged and tells the runtime how to size
 * the pipeline's seal buffer, which the runtime owns.
 */
final class BatchProcessor implements BufferingProcessor {
    private final SealSettings settings;
    private final Durability durability;

    BatchProcessor(SealSettings settings, Durability durability) {
        this.settings = settings;
        this.durability = durability;
    }

    @Override
    public Durability durability() {
        return durability;
    }

    @Override
    public SealSettings sealSettings() {
        return settings;
    }
}
