package dev.eider.processor.batch;

import dev.eider.runtime.config.ConfigSection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ConfigSection over already-typed values (Long for sizes, Duration for durations) that
 * records the keys read and the errors reported. A stand-in until the test kit's own section.
 */
final class MapConfigSection implements ConfigSection {
    private final Map<String, Object> values;
    final Set<String> read = new LinkedHashSet<>();
    final Map<String, String> errors = new LinkedHashMap<>();

    MapConfigSection(Map<String, Object> values) {
        this.values = values;
    }

    @Override
    public String path() {
        return "processors::batch";
    }

    @Override
    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key);
    }

    private <T> T get(String key, T defaultValue, Class<T> type) {
        read.add(key);
        return values.containsKey(key) ? type.cast(values.get(key)) : defaultValue;
    }

    @Override
    public String string(String key, String defaultValue) {
        return get(key, defaultValue, String.class);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return get(key, defaultValue, Boolean.class);
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        return get(key, defaultValue, Integer.class);
    }

    @Override
    public long size(String key, long defaultValue) {
        return get(key, defaultValue, Long.class);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return get(key, defaultValue, Duration.class);
    }

    @Override
    public List<String> stringList(String key, List<String> defaultValue) {
        throw new UnsupportedOperationException("not needed by the batch processor");
    }

    @Override
    public ConfigSection section(String key) {
        throw new UnsupportedOperationException("not needed by the batch processor");
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public void error(String key, String message) {
        errors.put(key, message);
    }
}
