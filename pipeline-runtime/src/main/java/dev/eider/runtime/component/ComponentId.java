package dev.eider.runtime.component;

import java.util.Objects;
import java.util.regex.Pattern;

/** A component's id in the configuration: {@code type} or {@code type/name}. */
public record ComponentId(String type, String name) implements Comparable<ComponentId> {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

    public ComponentId {
        Objects.requireNonNull(type, "type");
        if (!PART.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid component type '" + type + "'");
        }
        if (name != null && !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid component name '" + name + "'");
        }
    }

    /** Parses {@code type[/name]}; throws IllegalArgumentException with a readable message. */
    public static ComponentId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("component id must not be empty");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new ComponentId(text, null);
        }
        if (slash == text.length() - 1) {
            throw new IllegalArgumentException("component id '" + text + "' has an empty name after '/'");
        }
        return new ComponentId(text.substring(0, slash), text.substring(slash + 1));
    }

    public static ComponentId of(String type) {
        return new ComponentId(type, null);
    }

    @Override
    public String toString() {
        return name == null ? type : type + "/" + name;
    }

    @Override
    public int compareTo(ComponentId other) {
        return toString().compareTo(other.toString());
    }
}
