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
        String schema = section.string("schema", DEFAULT_SCHEMA);
        if (!PLAIN_IDENTIFIER.matcher(schema).matches()) {
            section.error("schema", "'" + schema + "' is not a plain identifier (letters, digits and '_', "
                    + "not starting with a digit)");
        }
        return schema;
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
