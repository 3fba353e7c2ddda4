package dev.eider.runtime.config;

import dev.eider.runtime.component.ComponentId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated configuration. The component maps (file order) hold what the service runs:
 * receivers, processors and exporters some pipeline lists, extensions listed in
 * {@code service.extensions}. Components defined but unused were bound and validated too, and
 * are named in {@link #warnings()}.
 */
public record CollectorConfig(
        Map<ComponentId, BoundComponent<?>> receivers,
        Map<ComponentId, BoundComponent<?>> processors,
        Map<ComponentId, BoundComponent<?>> exporters,
        Map<ComponentId, BoundComponent<?>> extensions,
        List<ComponentId> serviceExtensions,
        List<PipelineConfig> pipelines,
        List<ConfigError> warnings) {

    public CollectorConfig {
        receivers = ordered(receivers);
        processors = ordered(processors);
        exporters = ordered(exporters);
        extensions = ordered(extensions);
        serviceExtensions = List.copyOf(serviceExtensions);
        pipelines = List.copyOf(pipelines);
        warnings = List.copyOf(warnings);
    }

    private static Map<ComponentId, BoundComponent<?>> ordered(Map<ComponentId, BoundComponent<?>> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
