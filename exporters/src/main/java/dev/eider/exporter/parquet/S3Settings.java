package dev.eider.exporter.parquet;

import java.util.Objects;
import java.util.Optional;

/**
 * How the exporter reaches an {@code s3://} path: AWS S3 by default, or any S3-compatible store
 * through {@code endpoint}, {@code urlStyle} and {@code useSsl}. DuckDB's httpfs gets them as one
 * temporary S3 secret on the exporter's own connections.
 *
 * @param region the region requests are signed for; empty leaves it to DuckDB (us-east-1) or the
 *     credential chain
 * @param endpoint {@code host[:port]} of an S3-compatible store; empty for AWS S3
 * @param urlStyle how the bucket is addressed
 * @param useSsl HTTPS (true) or plain HTTP
 * @param credentials where the access key comes from
 */
public record S3Settings(Optional<String> region, Optional<String> endpoint, UrlStyle urlStyle, boolean useSsl,
        S3Credentials credentials) {
    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(urlStyle, "urlStyle");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The bucket in the host name (AWS's default) or in the path (what most S3-compatible stores want). */
    public enum UrlStyle {
        VHOST("vhost"),
        PATH("path");

        private final String key;

        UrlStyle(String key) {
            this.key = key;
        }

        /** The config (and DuckDB) spelling. */
        public String key() {
            return key;
        }
    }
}
