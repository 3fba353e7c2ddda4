package dev.eider.example;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;

/** Factory of the example {@code severity_filter} processor (logs only). */
public final class SeverityFilterFactory implements ProcessorFactory<SeverityFilterConfig> {
    static final String TYPE = "severity_filter";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.DEVELOPMENT;
    }

    @Override
    public SeverityFilterConfig bind(ConfigSection section) {
        // 9 is INFO in the OpenTelemetry severity scale
        return new SeverityFilterConfig(section.integer("min_severity_number", 9, 0, 24));
    }

    @Override
    public Processor create(ProcessorContext context, SeverityFilterConfig config) {
        return new SeverityFilter(config.minSeverityNumber());
    }
}
