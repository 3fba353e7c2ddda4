package dev.eider.exporter.parquet;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code parquet} exporter's settings.
 *
 * @param path the root the table directories are written under: a local directory, or a URL
 *     DuckDB opens through an extension (e.g. {@code s3://bucket/prefix} through httpfs)
 * @param extensionDirectory where DuckDB installs and loads extensions from, if not its default
 */
public record ParquetConfig(String path, Optional<String> extensionDirectory) {
    public ParquetConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(extensionDirectory, "extensionDirectory");
    }

    /** True for a URL ({@code scheme://...}); false for a local directory. */
    public boolean remote() {
        return path.contains("://");
    }
}
