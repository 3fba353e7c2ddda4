package dev.eider.exporter.duckdb;

import dev.eider.runtime.config.ConfigSection;
import java.util.Optional;
import java.util.regex.Pattern;

/** The config keys every DuckDB-backed exporter shares, bound and checked in one place. */
public final class DuckDbKeys {
    public static final String DEFAULT_SCHEMA = "main";

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DuckDbKeys() {}

    /** {@code schema}: a plain identifier, default {@value #DEFAULT_SCHEMA}. */
    public static String schema(ConfigSection section) {
        return identifier(section, "schema", DEFAULT_SCHEMA);
    }

    /** A key naming a schema-like object (e.g. an Iceberg namespace): a plain identifier. */
    public static String identifier(ConfigSection section, String key, String defaultValue) {
        String value = section.string(key, defaultValue);
        if (!PLAIN_IDENTIFIER.matcher(value).matches()) {
            section.error(key, "'" + value + "' is not a plain identifier (letters, digits and '_', "
                    + "not starting with a digit)");
        }
        return value;
    }

    /** {@code extension_directory}: optional, not empty when set. */
    public static Optional<String> extensionDirectory(ConfigSection section) {
        if (!section.has("extension_directory")) {
            return Optional.empty();
        }
        String dir = section.string("extension_directory", "");
        if (dir.isBlank()) {
            section.error("extension_directory", "must not be empty when set");
            return Optional.empty();
        }
        return Optional.of(dir);
    }
}
