package dev.eider.exporter.duckdb;

import dev.eider.runtime.config.ConfigSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A map-backed ConfigSection for factory tests (stand-in until the runtime's test kit has one). */
final class MapConfigSection implements ConfigSection {
    private final Map<String, Object> values;
    final List<String> errors = new ArrayList<>();

    MapConfigSection(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    @Override
    public String path() {
        return "exporters::duckdb";
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        return (String) values.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return (Boolean) values.getOrDefault(key, defaultValue);
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public long size(String key, long defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public List<String> stringList(String key, List<String> defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public ConfigSection section(String key) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public void error(String key, String message) {
        errors.add(key + ": " + message);
    }
}
