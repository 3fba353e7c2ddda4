package dev.eider.runtime.testkit;

import dev.eider.runtime.config.ConfigSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ConfigSection} over plain maps (as a YAML mapping would parse), for factory tests:
 * values are Strings, Numbers, Booleans, Lists or nested Maps. Problems and keys never read are
 * collected in {@link #errors()} as {@code path::key: message}, shared with nested sections.
 */
public final class MapConfigSection implements ConfigSection {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]i?B)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> known = new HashSet<>();
    private final List<MapConfigSection> children = new ArrayList<>();
    private final List<String> errors;

    public MapConfigSection(String path, Map<String, ?> values) {
        this(path, values, new ArrayList<>());
    }

    private MapConfigSection(String path, Map<String, ?> values, List<String> errors) {
        this.path = path;
        this.values = new LinkedHashMap<>(values);
        this.errors = errors;
    }

    /** Every problem reported so far plus the keys nobody read, in this section and nested ones. */
    public List<String> errors() {
        List<String> all = new ArrayList<>(errors);
        collectUnknown(all);
        return all;
    }

    private void collectUnknown(List<String> out) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                out.add(path + "::" + key + ": unknown key");
            }
        }
        children.forEach(c -> c.collectUnknown(out));
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean has(String key) {
        known.add(key);
        return values.containsKey(key);
    }

    private Object raw(String key) {
        known.add(key);
        return values.get(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Map || v instanceof List) {
            error(key, "must be a string");
            return defaultValue;
        }
        return v.toString();
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        error(key, "must be true or false");
        return defaultValue;
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n && n.longValue() >= min && n.longValue() <= max) {
            return n.intValue();
        }
        error(key, "must be an integer in [" + min + ", " + max + "]");
        return defaultValue;
    }

    @Override
    public long size(String key, long defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        Matcher m = SIZE.matcher(v.toString().trim());
        if (!m.matches()) {
            error(key, "must be a byte size such as 16MiB");
            return defaultValue;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "KIB" -> n << 10;
            case "MIB" -> n << 20;
            case "GIB" -> n << 30;
            case "KB" -> n * 1_000;
            case "MB" -> n * 1_000_000;
            case "GB" -> n * 1_000_000_000;
            default -> n;
        };
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(v.toString().trim());
        if (!m.matches()) {
            error(key, "must be a duration such as 5s");
            return defaultValue;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    @Override
    public List<String> stringList(String key, List<String> defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        error(key, "must be a list");
        return defaultValue;
    }

    @Override
    public ConfigSection section(String key) {
        Object v = raw(key);
        Map<String, ?> map = Map.of();
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) m;
            map = typed;
        } else if (v != null) {
            error(key, "must be a mapping");
        }
        MapConfigSection child = new MapConfigSection(path + "::" + key, map, errors);
        children.add(child);
        return child;
    }

    @Override
    public Set<String> keys() {
        return new LinkedHashSet<>(values.keySet());
    }

    @Override
    public void error(String key, String message) {
        errors.add(path + "::" + key + ": " + message);
    }
}
