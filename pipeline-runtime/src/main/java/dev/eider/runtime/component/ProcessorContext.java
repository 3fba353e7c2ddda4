package dev.eider.runtime.component;

import dev.eider.runtime.pipeline.Signal;

/** What a processor gets when it is created for one pipeline. */
public interface ProcessorContext {
    ComponentId id();

    /** The id of the pipeline this instance serves, e.g. {@code logs/audit}. */
    String pipelineId();

    Signal signal();
}
