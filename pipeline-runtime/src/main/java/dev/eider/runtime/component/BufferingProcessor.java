package dev.eider.runtime.component;

import dev.eider.runtime.seal.Durability;
import dev.eider.runtime.seal.SealSettings;

/**
 * The processor that configures the pipeline's seal buffer (the {@code batch} processor). It
 * must be the last processor of a pipeline; a pipeline without one buffers with defaults.
 */
public interface BufferingProcessor extends Processor {
    SealSettings sealSettings();

    /** When requests are acknowledged and where their log lives. */
    default Durability durability() {
        return Durability.BUFFERED;
    }
}
