package dev.eider.exporter.parquet;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code parquet} exporter's settings.
 *
 * @param path the root the table directories are written under: a local directory, or a URL
 *     DuckDB opens through an extension (e.g. {@code s3://bucket/prefix} through httpfs)
 * @param extensionDirectory where DuckDB installs and loads extensions from, if not its default
 * @param s3 how to reach the store; present exactly when {@code path} is an {@code s3://} URL
 */
public record ParquetConfig(String path, Optional<String> extensionDirectory, Optional<S3Settings> s3) {
    public ParquetConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(extensionDirectory, "extensionDirectory");
        Objects.requireNonNull(s3, "s3");
        if (isS3(path) != s3.isPresent()) {
            throw new IllegalArgumentException("S3 settings go with an s3:// path only, and an s3:// path needs them");
        }
    }

    /** A local directory's settings. */
    public ParquetConfig(String path, Optional<String> extensionDirectory) {
        this(path, extensionDirectory, Optional.empty());
    }

    /** True for a URL ({@code scheme://...}); false for a local directory. */
    public boolean remote() {
        return path.contains("://");
    }

    /** True for an {@code s3://} URL. */
    public static boolean isS3(String path) {
        return path.startsWith("s3://");
    }
}
