package dev.eider.runtime.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * One configuration problem: its path ({@code exporters::duckdb::path}, empty for a whole file),
 * the source file, the 1-based line (0 when unknown) and what is wrong.
 */
public record ConfigError(String path, String source, int line, String message) {

    static ConfigError at(String path, Optional<Mark> mark, String message) {
        return new ConfigError(path, mark.map(Mark::getName).orElse(null), mark.map(m -> m.getLine() + 1).orElse(0), message);
    }

    /** {@code path: message}, without the location (what component tests pin). */
    public String describe() {
        return path.isEmpty() ? message : path + ": " + message;
    }

    /** {@code path: message (source:line)}, the form shown to users. */
    @Override
    public String toString() {
        if (source == null) {
            return describe();
        }
        return describe() + " (" + source + (line > 0 ? ":" + line : "") + ")";
    }
}
