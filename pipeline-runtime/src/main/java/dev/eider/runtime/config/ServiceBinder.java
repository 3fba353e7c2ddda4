package dev.eider.runtime.config;

import static dev.eider.runtime.config.YamlDocuments.childPath;

import dev.eider.runtime.component.ComponentFactory;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.component.ReceiverFactory;
import dev.eider.runtime.pipeline.Signal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Binds every defined component with its factory and checks the service against them:
 * references, pipeline shape, signals, buffer placement, endpoint clashes. Reports problems,
 * never throws them.
 */
final class ServiceBinder {
    private static final Pattern PIPELINE_ID = Pattern.compile("([a-z]+)(?:/([A-Za-z0-9_.-]+))?");
    private static final String SERVICE = "service";
    private static final String EXTENSIONS = "extensions";
    private static final String PIPELINES = "pipelines";

    /** A component as defined in its section; {@code bound} is null when its type is unknown. */
    private record Definition(ComponentId id, String path, Optional<Mark> mark, BoundComponent<?> bound, boolean clean) {}

    /** A list entry naming a defined component, with where it stands in the file. */
    private record Reference(ComponentId id, Optional<Mark> mark) {}

    private final ComponentRegistry registry;
    private final Problems problems;
    private final Map<ComponentKind, Map<ComponentId, Definition>> defined = new EnumMap<>(ComponentKind.class);
    private final Map<ComponentKind, Set<ComponentId>> used = new EnumMap<>(ComponentKind.class);

    ServiceBinder(ComponentRegistry registry, Problems problems) {
        this.registry = registry;
        this.problems = problems;
        for (ComponentKind kind : ComponentKind.values()) {
            defined.put(kind, new LinkedHashMap<>());
            used.put(kind, new HashSet<>());
        }
    }

    CollectorConfig bind(MappingSection root) {
        for (ComponentKind kind : ComponentKind.values()) {
            define(kind, root.child(kind.section()));
        }
        List<ComponentId> serviceExtensions = List.of();
        List<PipelineConfig> pipelines = List.of();
        if (root.has(SERVICE)) {
            MappingSection service = root.child(SERVICE);
            serviceExtensions = serviceExtensions(service);
            pipelines = pipelines(service);
        } else {
            problems.error(SERVICE, root.mark(), "is required: it lists the pipelines to run");
        }
        root.reportUnknownKeys();
        warnUnused();
        checkEndpoints();
        return new CollectorConfig(
                usedComponents(ComponentKind.RECEIVER),
                usedComponents(ComponentKind.PROCESSOR),
                usedComponents(ComponentKind.EXPORTER),
                usedComponents(ComponentKind.EXTENSION),
                serviceExtensions,
                pipelines,
                problems.warnings());
    }

    private void define(ComponentKind kind, MappingSection section) {
        for (String key : section.keys()) {
            String path = childPath(section.path(), key);
            Optional<Mark> mark = section.keyMark(key);
            section.has(key); // a bad id or type is reported once, not again as an unknown key
            ComponentId id;
            try {
                id = ComponentId.parse(key);
            } catch (IllegalArgumentException e) {
                problems.error(path, mark, e.getMessage());
                continue;
            }
            ComponentFactory<?> factory = registry.factories(kind).get(id.type());
            if (factory == null) {
                Set<String> known = registry.factories(kind).keySet();
                problems.error(path, mark, "unknown " + singular(kind) + " type '" + id.type()
                        + "' (" + (known.isEmpty() ? "none are available" : "known: " + String.join(", ", known)) + ")");
                defined.get(kind).put(id, new Definition(id, path, mark, null, false));
                continue;
            }
            int errorsBefore = problems.errorCount();
            BoundComponent<?> bound = bind(id, factory, section.child(key));
            defined.get(kind).put(id, new Definition(id, path, mark, bound, problems.errorCount() == errorsBefore));
        }
    }

    private static <C> BoundComponent<C> bind(ComponentId id, ComponentFactory<C> factory, MappingSection section) {
        return new BoundComponent<>(id, factory, section.bind(factory));
    }

    private List<ComponentId> serviceExtensions(MappingSection service) {
        List<MappingSection.Item> items = service.items(EXTENSIONS);
        if (items == null) {
            return List.of();
        }
        return references(items, childPath(service.path(), EXTENSIONS), ComponentKind.EXTENSION).stream()
                .map(Reference::id)
                .toList();
    }

    private List<PipelineConfig> pipelines(MappingSection service) {
        MappingSection section = service.child(PIPELINES);
        if (section.keys().isEmpty()) {
            problems.error(section.path(), section.mark(), "at least one pipeline is required");
        }
        List<PipelineConfig> pipelines = new ArrayList<>();
        for (String key : section.keys()) {
            MappingSection pipeline = section.child(key);
            Signal signal = pipelineSignal(key);
            if (signal == null) {
                problems.error(pipeline.path(), pipeline.mark(),
                        "pipeline id '" + key + "' must be logs, traces or metrics, optionally followed by /name");
            }
            List<ComponentId> receivers = list(pipeline, "receivers", ComponentKind.RECEIVER, true);
            List<ComponentId> processors = list(pipeline, "processors", ComponentKind.PROCESSOR, false);
            List<ComponentId> exporters = list(pipeline, "exporters", ComponentKind.EXPORTER, true);
            if (signal != null) {
                checkSignals(pipeline, signal, receivers);
                pipelines.add(new PipelineConfig(key, signal, receivers, processors, exporters));
            }
        }
        return pipelines;
    }

    private static Signal pipelineSignal(String pipelineId) {
        Matcher m = PIPELINE_ID.matcher(pipelineId);
        return m.matches() ? Signal.fromId(m.group(1)) : null;
    }

    private List<ComponentId> list(MappingSection pipeline, String key, ComponentKind kind, boolean required) {
        int errorsBefore = problems.errorCount();
        List<MappingSection.Item> items = pipeline.items(key);
        String path = childPath(pipeline.path(), key);
        if (items == null || items.isEmpty()) {
            if (required && problems.errorCount() == errorsBefore) {
                problems.error(path, pipeline.keyMark(key), "must list at least one " + singular(kind));
            }
            return List.of();
        }
        List<Reference> references = references(items, path, kind);
        if (kind == ComponentKind.PROCESSOR) {
            checkBufferIsLast(references, path);
        }
        return references.stream().map(Reference::id).toList();
    }

    /** The items that name a defined component; the others are reported. Marks them used. */
    private List<Reference> references(List<MappingSection.Item> items, String path, ComponentKind kind) {
        List<Reference> references = new ArrayList<>();
        Set<ComponentId> seen = new HashSet<>();
        for (MappingSection.Item item : items) {
            ComponentId id;
            try {
                id = ComponentId.parse(item.text());
            } catch (IllegalArgumentException e) {
                problems.error(path, item.mark(), e.getMessage());
                continue;
            }
            if (!seen.add(id)) {
                problems.error(path, item.mark(), "'" + id + "' is listed more than once");
                continue;
            }
            if (!defined.get(kind).containsKey(id)) {
                problems.error(path, item.mark(), singular(kind) + " '" + id + "' is not defined under " + kind.section());
                continue;
            }
            used.get(kind).add(id);
            references.add(new Reference(id, item.mark()));
        }
        return references;
    }

    private void checkSignals(MappingSection pipeline, Signal signal, List<ComponentId> receivers) {
        for (ComponentId id : receivers) {
            BoundComponent<?> bound = defined.get(ComponentKind.RECEIVER).get(id).bound();
            if (bound == null) {
                continue;
            }
            Set<Signal> supported = ((ReceiverFactory<?>) bound.factory()).signals();
            if (!supported.contains(signal)) {
                problems.error(childPath(pipeline.path(), "receivers"), pipeline.keyMark("receivers"),
                        "receiver '" + id + "' does not support " + signal.id() + " (it supports "
                                + supported.stream().map(Signal::id).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private void checkBufferIsLast(List<Reference> processors, String path) {
        if (processors.isEmpty()) {
            return;
        }
        for (Reference reference : processors.subList(0, processors.size() - 1)) {
            BoundComponent<?> bound = defined.get(ComponentKind.PROCESSOR).get(reference.id()).bound();
            if (bound != null && ((ProcessorFactory<?>) bound.factory()).createsBuffer()) {
                problems.error(path, reference.mark(),
                        "processor '" + reference.id() + "' buffers the pipeline's rows and must be its last processor");
            }
        }
    }

    private void warnUnused() {
        for (ComponentKind kind : ComponentKind.values()) {
            for (Definition definition : defined.get(kind).values()) {
                if (!used.get(kind).contains(definition.id())) {
                    problems.warning(definition.path(), definition.mark(),
                            kind == ComponentKind.EXTENSION
                                    ? "defined but not listed in service::extensions, so it is not started"
                                    : "defined but not used by any pipeline, so it is not started");
                }
            }
        }
    }

    private void checkEndpoints() {
        EndpointClashes clashes = new EndpointClashes(problems);
        for (ComponentKind kind : List.of(ComponentKind.RECEIVER, ComponentKind.EXTENSION)) {
            for (Definition definition : defined.get(kind).values()) {
                if (definition.clean() && used.get(kind).contains(definition.id())) {
                    clashes.add(definition.path(), definition.mark(), definition.bound().endpoints(),
                            definition.bound().sharedEndpoints());
                }
            }
        }
    }

    private Map<ComponentId, BoundComponent<?>> usedComponents(ComponentKind kind) {
        Map<ComponentId, BoundComponent<?>> components = new LinkedHashMap<>();
        for (Definition definition : defined.get(kind).values()) {
            if (definition.bound() != null && used.get(kind).contains(definition.id())) {
                components.put(definition.id(), definition.bound());
            }
        }
        return components;
    }

    private static String singular(ComponentKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
