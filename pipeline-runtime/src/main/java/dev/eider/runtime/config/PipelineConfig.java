package dev.eider.runtime.config;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.pipeline.Signal;
import java.util.List;

/** One pipeline of {@code service.pipelines}: its id ({@code logs/audit}), signal and components in file order. */
public record PipelineConfig(
        String id, Signal signal, List<ComponentId> receivers, List<ComponentId> processors, List<ComponentId> exporters) {

    public PipelineConfig {
        receivers = List.copyOf(receivers);
        processors = List.copyOf(processors);
        exporters = List.copyOf(exporters);
    }
}
