package dev.eider.exporter.parquet;

import dev.eider.exporter.duckdb.DuckDbKeys;
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
        Optional<String> extensionDirectory = DuckDbKeys.extensionDirectory(section);
        boolean s3Path = ParquetConfig.isS3(path);
        ConfigSection s3Section = section.section("s3");
        S3Settings s3 = S3SettingsBinding.bind(s3Section);
        if (!s3Path && !s3Section.keys().isEmpty()) {
            section.error("s3", "applies to an s3:// path only, and path is '" + path + "'");
        }
        return new ParquetConfig(path, extensionDirectory, s3Path ? Optional.of(s3) : Optional.empty());
    }

    @Override
    public Exporter create(ExporterContext context, ParquetConfig config) {
        return new ParquetExporter(context.id(), context.allocator(), config);
    }
}
