package dev.eider.runtime.config;

import dev.eider.runtime.component.ComponentFactory;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * One factory bound on its own against a YAML mapping, as component tests do it (the test kit's
 * {@code ConfigBinding} wraps this): the config record (null when the YAML does not parse), every
 * error including unknown keys, and the keys the factory read, nested ones dotted, sorted.
 */
public record ComponentBinding<C>(C config, List<ConfigError> errors, Set<String> knownKeys) {
    private static final String SOURCE = "inline.yaml";

    public ComponentBinding {
        errors = List.copyOf(errors);
        knownKeys = Collections.unmodifiableSortedSet(new TreeSet<>(knownKeys));
    }

    /** Binds {@code yamlMapping} (the component's body; empty for all defaults) at {@code <kind>::<type>}. */
    public static <C> ComponentBinding<C> bind(ComponentFactory<C> factory, String yamlMapping, Function<String, String> env) {
        Problems problems = new Problems(List.of(SOURCE));
        var document = YamlDocuments.parse(SOURCE, yamlMapping, problems);
        if (problems.errorCount() > 0) {
            return new ComponentBinding<>(null, problems.errors(), Set.of());
        }
        String path = factory.kind().section() + "::" + factory.type();
        MappingSection section = MappingSection.root(path, document.orElse((MappingNode) null), problems, env);
        C config = section.bind(factory);
        return new ComponentBinding<>(config, problems.errors(), section.knownKeys());
    }
}
