package dev.eider.runtime.config;

import dev.eider.runtime.component.ComponentFactory;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.ExtensionFactory;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.component.ReceiverFactory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The component factories a distribution offers, per kind and by type name. */
public record ComponentRegistry(Map<ComponentKind, Map<String, ComponentFactory<?>>> factories) {

    /** Copies the maps; throws IllegalArgumentException when a map key is not its factory's type or kind. */
    public ComponentRegistry {
        Map<ComponentKind, Map<String, ComponentFactory<?>>> copy = new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            Map<String, ComponentFactory<?>> byType = new TreeMap<>(factories.getOrDefault(kind, Map.of()));
            byType.forEach((type, factory) -> {
                if (!type.equals(factory.type()) || factory.kind() != kind) {
                    throw new IllegalArgumentException("factory registered as " + kind.section() + "/" + type
                            + " is " + factory.kind().section() + "/" + factory.type());
                }
            });
            copy.put(kind, Collections.unmodifiableMap(byType));
        }
        factories = Collections.unmodifiableMap(copy);
    }

    /** The registry from the distribution's Dagger maps (keyed by component type). */
    public static ComponentRegistry of(
            Map<String, ? extends ReceiverFactory<?>> receivers,
            Map<String, ? extends ProcessorFactory<?>> processors,
            Map<String, ? extends ExporterFactory<?>> exporters,
            Map<String, ? extends ExtensionFactory<?>> extensions) {
        Map<ComponentKind, Map<String, ComponentFactory<?>>> all = new EnumMap<>(ComponentKind.class);
        all.put(ComponentKind.RECEIVER, Map.copyOf(receivers));
        all.put(ComponentKind.PROCESSOR, Map.copyOf(processors));
        all.put(ComponentKind.EXPORTER, Map.copyOf(exporters));
        all.put(ComponentKind.EXTENSION, Map.copyOf(extensions));
        return new ComponentRegistry(all);
    }

    /** The factories of one kind, sorted by type. */
    public Map<String, ComponentFactory<?>> factories(ComponentKind kind) {
        return factories.get(kind);
    }
}
