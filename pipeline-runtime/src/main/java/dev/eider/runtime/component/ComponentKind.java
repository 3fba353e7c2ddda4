package dev.eider.runtime.component;

/** The four kinds of pipeline component, named as in the YAML top-level sections. */
public enum ComponentKind {
    RECEIVER("receivers"),
    PROCESSOR("processors"),
    EXPORTER("exporters"),
    EXTENSION("extensions");

    private final String section;

    ComponentKind(String section) {
        this.section = section;
    }

    /** The top-level YAML key holding components of this kind. */
    public String section() {
        return section;
    }
}
