package dev.eider.runtime.component;

/** How settled a component's behaviour and configuration are, shown by {@code components}. */
public enum Stability {
    DEVELOPMENT,
    ALPHA,
    BETA,
    STABLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
