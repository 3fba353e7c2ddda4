package dev.eider.runtime.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/** Collects errors and warnings while loading, so every problem is reported at once. */
final class Problems {
    private final List<String> sources;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();

    /** {@code sources} in the order the files were given; problems are listed in that order, then by line. */
    Problems(List<String> sources) {
        this.sources = List.copyOf(sources);
    }

    void error(String path, Optional<Mark> mark, String message) {
        errors.add(ConfigError.at(path, mark, message));
    }

    void error(ConfigError error) {
        errors.add(error);
    }

    void warning(String path, Optional<Mark> mark, String message) {
        warnings.add(ConfigError.at(path, mark, message));
    }

    int errorCount() {
        return errors.size();
    }

    List<ConfigError> errors() {
        return sorted(errors);
    }

    List<ConfigError> warnings() {
        return sorted(warnings);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors());
        }
    }

    private List<ConfigError> sorted(List<ConfigError> list) {
        List<ConfigError> copy = new ArrayList<>(list);
        // An error without a source (an empty mapping has no marks) sorts first; List.indexOf(null) throws.
        copy.sort(Comparator.comparingInt((ConfigError e) -> e.source() == null ? -1 : sources.indexOf(e.source()))
                .thenComparingInt(ConfigError::line));
        return List.copyOf(copy);
    }
}
