package ${package};

import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code row_count} exporter type: binds its YAML section to a config record and creates
 * one exporter per exporter id.
 */
public final class RowCountExporterFactory implements ExporterFactory<RowCountExporterConfig> {
    static final String TYPE = "row_count";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.DEVELOPMENT;
    }

    @Override
    public RowCountExporterConfig bind(ConfigSection section) {
        // report problems to the section instead of throwing: the collector lists them all at once
        String path = section.string("path", "");
        if (path.isBlank()) {
            section.error("path", "is required: the file the row counts are appended to");
            return new RowCountExporterConfig(Path.of("row-counts.txt"));
        }
        try {
            return new RowCountExporterConfig(Path.of(path));
        } catch (InvalidPathException e) {
            section.error("path", "is not a file path: " + e.getMessage());
            return new RowCountExporterConfig(Path.of("row-counts.txt"));
        }
    }

    @Override
    public Exporter create(ExporterContext context, RowCountExporterConfig config) {
        return new RowCountExporter(config.path());
    }
}
