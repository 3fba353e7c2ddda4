package dev.eider.runtime.admin;

import dev.eider.runtime.json.JsonStrings;

import java.util.Collection;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Writes the admin API's answers as JSON: null, strings, booleans, numbers, and nested maps
 * (keys in iteration order) and collections. Anything else is a programming error. Also reads
 * JSON documents (query requests, DuckDB's syntax trees, answers the CLI renders).
 */
public final class AdminJson {
    private static final int MAX_READ_CHARS = 64 * 1024 * 1024;

    private AdminJson() {}

    /**
     * Reads one JSON document into maps (in document order), lists, strings, numbers, booleans
     * and nulls. JSON is YAML 1.2 under the JSON schema, so the config's YAML parser reads it.
     *
     * @throws IllegalArgumentException when the text is not one JSON document
     */
    public static Object read(String json) {
        Load load = new Load(LoadSettings.builder()
                .setSchema(new JsonSchema())
                .setCodePointLimit(MAX_READ_CHARS)
                .build());
        try {
            return load.loadFromString(json);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            JsonStrings.appendQuoted(out, text);
        } else if (value instanceof Boolean flag) {
            out.append(flag.booleanValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d);
            }
            out.append(d);
        } else if (value instanceof Number number) {
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map);
        } else if (value instanceof Collection<?> items) {
            appendArray(out, items);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + entry.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonStrings.appendQuoted(out, key);
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    private static void appendArray(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            append(out, item);
        }
        out.append(']');
    }

}
