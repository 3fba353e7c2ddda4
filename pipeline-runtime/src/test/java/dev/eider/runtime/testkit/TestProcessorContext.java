package dev.eider.runtime.testkit;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.pipeline.Signal;

/** A {@link ProcessorContext} for processor tests. */
public record TestProcessorContext(ComponentId id, String pipelineId, Signal signal) implements ProcessorContext {
    public static TestProcessorContext of(String id, String pipelineId) {
        return new TestProcessorContext(ComponentId.parse(id), pipelineId,
                Signal.fromId(pipelineId.split("/", 2)[0]));
    }
}
