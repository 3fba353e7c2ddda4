package dev.eider.exporter.parquet;

import dev.eider.runtime.config.ConfigSection;
import java.util.Optional;

/** Binds the exporter's {@code s3} mapping. Every key is read, so unknown and misplaced keys are reported. */
final class S3SettingsBinding {
    private S3SettingsBinding() {}

    static S3Settings bind(ConfigSection s3) {
        Optional<String> region = optional(s3, "region");
        Optional<String> endpoint = optional(s3, "endpoint");
        if (endpoint.isPresent() && (endpoint.get().contains("://") || endpoint.get().contains("/"))) {
            s3.error("endpoint", "'" + endpoint.get() + "' must be host[:port] without scheme or path"
                    + " (set use_ssl: false for plain HTTP)");
        }
        S3Settings.UrlStyle urlStyle = urlStyle(s3);
        boolean useSsl = s3.bool("use_ssl", true);
        return new S3Settings(region, endpoint, urlStyle, useSsl, credentials(s3));
    }

    private static S3Settings.UrlStyle urlStyle(ConfigSection s3) {
        String value = s3.string("url_style", S3Settings.UrlStyle.VHOST.key());
        for (S3Settings.UrlStyle style : S3Settings.UrlStyle.values()) {
            if (style.key().equals(value)) {
                return style;
            }
        }
        s3.error("url_style", "'" + value + "' is not one of vhost, path");
        return S3Settings.UrlStyle.VHOST;
    }

    /** A key in the config, or (with neither key_id nor secret) DuckDB's credential chain. */
    private static S3Credentials credentials(ConfigSection s3) {
        Optional<String> keyId = optional(s3, "key_id");
        Optional<String> secret = optional(s3, "secret");
        Optional<String> sessionToken = optional(s3, "session_token");
        boolean hasKeyId = s3.has("key_id");
        boolean hasSecret = s3.has("secret");
        if (hasKeyId != hasSecret) {
            String missing = hasKeyId ? "secret" : "key_id";
            s3.error(missing, "is required with " + (hasKeyId ? "key_id" : "secret")
                    + " (or set neither to use the AWS credential chain)");
        }
        if (!hasKeyId && !hasSecret) {
            if (s3.has("session_token")) {
                s3.error("session_token", "goes with key_id and secret (the credential chain finds its own)");
            }
            return new S3Credentials.CredentialChain();
        }
        return new S3Credentials.Static(keyId.orElse(""), secret.orElse(""), sessionToken);
    }

    private static Optional<String> optional(ConfigSection section, String key) {
        if (!section.has(key)) {
            return Optional.empty();
        }
        String value = section.string(key, "");
        if (value.isBlank()) {
            section.error(key, "must not be empty when set");
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
