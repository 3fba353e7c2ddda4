package dev.eider.runtime.config;

import java.util.List;

/** Thrown when a configuration is invalid; carries every error found, rendered one per line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(render(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String render(List<ConfigError> errors) {
        StringBuilder text = new StringBuilder("invalid configuration (")
                .append(errors.size())
                .append(errors.size() == 1 ? " error):" : " errors):");
        for (ConfigError error : errors) {
            text.append("\n  ").append(error);
        }
        return text.toString();
    }
}
