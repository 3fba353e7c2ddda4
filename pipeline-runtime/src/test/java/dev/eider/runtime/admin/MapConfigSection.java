package dev.eider.runtime.admin;

import dev.eider.runtime.config.ConfigSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A flat map-backed ConfigSection for factory tests; collects errors as "key: message". */
final class MapConfigSection implements ConfigSection {
    private final String path;
    private final Map<String, Object> values;
    private final List<String> errors = new ArrayList<>();
    private final Set<String> read = new LinkedHashSet<>();

    MapConfigSection(String path, Map<String, Object> values) {
        this.path = path;
        this.values = new LinkedHashMap<>(values);
    }

    List<String> errors() {
        return errors;
    }

    Set<String> unread() {
        Set<String> unread = new LinkedHashSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        Object value = get(key);
        return value == null ? defaultValue : value.toString();
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        error(key, "must be true or false");
        return defaultValue;
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        Object value = get(key);
        return value instanceof Integer i ? i : defaultValue;
    }

    @Override
    public long size(String key, long defaultValue) {
        Object value = get(key);
        return value instanceof Number n ? n.longValue() : defaultValue;
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        Object value = get(key);
        return value instanceof Duration d ? d : defaultValue;
    }

    @Override
    public List<String> stringList(String key, List<String> defaultValue) {
        Object value = get(key);
        return value == null ? defaultValue : ((List<?>) value).stream().map(Object::toString).toList();
    }

    @Override
    public ConfigSection section(String key) {
        throw new UnsupportedOperationException("nested sections are not needed by these tests");
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public void error(String key, String message) {
        errors.add(key + ": " + message);
    }

    private Object get(String key) {
        read.add(key);
        return values.get(key);
    }
}
