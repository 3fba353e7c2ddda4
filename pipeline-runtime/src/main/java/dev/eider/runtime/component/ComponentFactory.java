package dev.eider.runtime.component;

import dev.eider.runtime.config.ConfigSection;

/**
 * The only entry point of a component type: its type name, how its YAML section binds to an
 * immutable config record, and (in the kind-specific sub-interfaces) how an instance is created.
 *
 * @param <C> the component's config record
 */
public interface ComponentFactory<C> {
    String type();

    ComponentKind kind();

    default Stability stability() {
        return Stability.BETA;
    }

    /**
     * Binds the component's YAML section. Reads every key it knows through {@code section};
     * problems are reported to the section (never thrown), so all errors surface at once. Keys
     * not read are reported as unknown by the caller.
     */
    C bind(ConfigSection section);
}
