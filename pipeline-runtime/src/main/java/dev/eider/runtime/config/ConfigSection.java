package dev.eider.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A component's YAML mapping as its factory binds it. Every accessor records the key as known;
 * problems (wrong type, bad value) are collected with the key's path and file line instead of
 * thrown, and the accessor returns the default so binding can go on and report everything at
 * once. Keys never read are reported as unknown once binding is done.
 */
public interface ConfigSection {
    /** This section's path, e.g. {@code exporters::duckdb/archive}. */
    String path();

    /** Whether the key is present (and records it as known). */
    boolean has(String key);

    String string(String key, String defaultValue);

    boolean bool(String key, boolean defaultValue);

    /** An integer in [min, max]. */
    int integer(String key, int defaultValue, int min, int max);

    /** A byte size: plain bytes or {@code 512KiB}, {@code 16MiB}, {@code 1GiB} (also KB/MB/GB, powers of 10). */
    long size(String key, long defaultValue);

    /** A duration: {@code 250ms}, {@code 5s}, {@code 15m}, {@code 2h}. */
    Duration duration(String key, Duration defaultValue);

    List<String> stringList(String key, List<String> defaultValue);

    /** A nested mapping; an absent key gives an empty section. */
    ConfigSection section(String key);

    /** Keys present in this mapping, in file order. */
    Set<String> keys();

    /** Reports a problem with the value at {@code key} (checked by the factory's own rules). */
    void error(String key, String message);
}
