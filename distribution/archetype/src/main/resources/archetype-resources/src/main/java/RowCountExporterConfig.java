package ${package};

import java.nio.file.Path;
import java.util.Objects;

/** Where the row_count exporter appends its lines. */
public record RowCountExporterConfig(Path path) {
    public RowCountExporterConfig {
        Objects.requireNonNull(path, "path");
    }
}
