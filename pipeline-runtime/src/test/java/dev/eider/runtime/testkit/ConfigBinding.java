package dev.eider.runtime.testkit;

import dev.eider.runtime.component.ComponentFactory;
import dev.eider.runtime.config.ComponentBinding;
import dev.eider.runtime.config.ConfigError;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Binds one component factory against a YAML mapping the way the collector does, for component
 * unit tests. {@code ${env:...}} references see no variables (use {@code ${env:X:-default}}).
 */
public final class ConfigBinding {
    private static final Function<String, String> NO_ENV = name -> null;

    private ConfigBinding() {}

    /** The bound config record; throws AssertionError listing the errors when there are any. */
    public static <C> C bind(ComponentFactory<C> factory, String yamlMapping) {
        ComponentBinding<C> binding = ComponentBinding.bind(factory, yamlMapping, NO_ENV);
        if (!binding.errors().isEmpty()) {
            throw new AssertionError("binding " + factory.kind().section() + "::" + factory.type() + " failed:\n  "
                    + binding.errors().stream().map(ConfigError::toString).collect(Collectors.joining("\n  ")));
        }
        return binding.config();
    }

    /** The errors as {@code path: message} (no file location), in file order. */
    public static List<String> errors(ComponentFactory<?> factory, String yamlMapping) {
        return ComponentBinding.bind(factory, yamlMapping, NO_ENV).errors().stream()
                .map(ConfigError::describe)
                .toList();
    }

    /** The keys the factory reads when binding an empty mapping, nested ones dotted ({@code protocols.http.endpoint}). */
    public static Set<String> knownKeys(ComponentFactory<?> factory) {
        return ComponentBinding.bind(factory, "", NO_ENV).knownKeys();
    }
}
