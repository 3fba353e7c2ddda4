package dev.eider.exporter.parquet;

import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import java.util.Optional;

/** The {@code parquet} exporter type: seals rows into hive-partitioned Parquet files. */
public final class ParquetExporterFactory implements ExporterFactory<ParquetConfig> {
    public static final String TYPE = "parquet";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.BETA;
    }

    @Override
    public ParquetConfig bind(ConfigSection section) {
        String path = section.string("path", "");
        if (path.isBlank()) {
            section.error("path", "is required: the directory (or s3:// URL) the Parquet files go under");
        }
        Optional<String> extensionDirectory = Optional.empty();
        if (section.has("extension_directory")) {
            String dir = section.string("extension_directory", "");
            if (dir.isBlank()) {
                section.error("extension_directory", "must not be empty when set");
            } else {
                extensionDirectory = Optional.of(dir);
            }
        }
        return new ParquetConfig(path, extensionDirectory);
    }

    @Override
    public Exporter create(ExporterContext context, ParquetConfig config) {
        return new ParquetExporter(context.id(), context.allocator(), config);
    }
}
