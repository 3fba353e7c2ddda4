package dev.eider.runtime.component;

public interface ExporterFactory<C> extends ComponentFactory<C> {
    @Override
    default ComponentKind kind() {
        return ComponentKind.EXPORTER;
    }

    /** Called once per exporter id, however many pipelines route into it. */
    Exporter create(ExporterContext context, C config);
}
