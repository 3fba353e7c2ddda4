package dev.eider.runtime.config;

import static dev.eider.runtime.config.YamlDocuments.childPath;
import static dev.eider.runtime.config.YamlDocuments.describe;
import static dev.eider.runtime.config.YamlDocuments.isNull;

import dev.eider.runtime.component.ComponentFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@link ConfigSection} over a YAML mapping node. Remembers every key read (here and in nested
 * sections) so the keys nobody read can be reported as unknown, and expands {@code ${env:...}}
 * references as values are read. A null or absent mapping is an empty section.
 */
final class MappingSection implements ConfigSection {
    /** A scalar list entry as read, with where it stands in the file. */
    record Item(String text, Optional<Mark> mark) {}

    private final String path;
    private final Optional<Mark> anchor;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();
    private final Map<String, MappingSection> children = new LinkedHashMap<>();
    private final Problems problems;
    private final EnvExpansion expansion;
    private boolean unknownKeysReported;

    private MappingSection(String path, Optional<Mark> anchor, MappingNode node, Problems problems, EnvExpansion expansion) {
        this.path = path;
        this.anchor = anchor;
        this.problems = problems;
        this.expansion = expansion;
        if (node != null) {
            for (NodeTuple tuple : node.getValue()) {
                entries.put(YamlDocuments.keyText(tuple), tuple);
            }
        }
    }

    /** A top-level section at {@code path} (empty for the document root) over {@code node}, which may be null. */
    static MappingSection root(String path, MappingNode node, Problems problems, Function<String, String> env) {
        Optional<Mark> anchor = node == null ? Optional.empty() : node.getStartMark();
        return new MappingSection(path, anchor, node, problems, new EnvExpansion(env, problems));
    }

    /**
     * Binds this section with {@code factory}, then reports the keys it did not read. A factory
     * that throws is reported as an error here, so one broken factory does not hide the others' errors.
     */
    <C> C bind(ComponentFactory<C> factory) {
        C config = null;
        try {
            config = factory.bind(this);
        } catch (RuntimeException e) {
            problems.error(path, anchor, "could not be bound: " + e);
        }
        reportUnknownKeys();
        return config;
    }

    /** Reports keys present but never read, here and in nested sections that were read. */
    void reportUnknownKeys() {
        if (unknownKeysReported) {
            return;
        }
        unknownKeysReported = true;
        for (NodeTuple tuple : entries.values()) {
            String key = YamlDocuments.keyText(tuple);
            if (!read.contains(key)) {
                String accepted = read.isEmpty() ? "this section accepts no keys" : "accepted: " + String.join(", ", new TreeSet<>(read));
                problems.error(childPath(path, key), tuple.getKeyNode().getStartMark(), "unknown key (" + accepted + ")");
            }
        }
        children.values().forEach(MappingSection::reportUnknownKeys);
    }

    /** Every key read, nested ones dotted ({@code protocols.http.endpoint}); a section key only when nothing inside it was read. */
    Set<String> knownKeys() {
        Set<String> known = new TreeSet<>();
        for (String key : read) {
            MappingSection child = children.get(key);
            Set<String> nested = child == null ? Set.of() : child.knownKeys();
            if (nested.isEmpty()) {
                known.add(key);
            } else {
                nested.forEach(n -> known.add(key + "." + n));
            }
        }
        return known;
    }

    /** Where this section's key stands in the file. */
    Optional<Mark> mark() {
        return anchor;
    }

    /** The entries of a list of scalars, or null when the key is absent or null; problems are reported. */
    List<Item> items(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return null;
        }
        if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
            problems.error(childPath(path, key), keyMark(key), "must be a list, not " + describe(tuple.getValueNode()));
            return null;
        }
        List<Item> items = new ArrayList<>();
        boolean failed = false;
        for (Node node : sequence.getValue()) {
            if (!(node instanceof ScalarNode scalar) || isNull(node)) {
                problems.error(childPath(path, key), node.getStartMark(), "list entries must be strings, not " + describe(node));
                failed = true;
                continue;
            }
            String text = expansion.expand(scalar.getValue(), childPath(path, key), node.getStartMark());
            if (text == null) {
                failed = true;
            } else {
                items.add(new Item(text, node.getStartMark()));
            }
        }
        return failed ? null : items;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean has(String key) {
        read.add(key);
        return entries.containsKey(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        String text = scalar(key, "a string");
        return text == null ? defaultValue : text;
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        String text = scalar(key, "true or false");
        if (text == null) {
            return defaultValue;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                error(key, "must be true or false, not '" + text + "'");
                return defaultValue;
        }
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        String text = scalar(key, "an integer");
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            error(key, "must be an integer, not '" + text + "'");
            return defaultValue;
        }
        if (value < min || value > max) {
            error(key, (max == Integer.MAX_VALUE ? "must be >= " + min : "must be between " + min + " and " + max)
                    + ", not " + value);
            return defaultValue;
        }
        return (int) value;
    }

    @Override
    public long size(String key, long defaultValue) {
        String text = scalar(key, "a size");
        if (text == null) {
            return defaultValue;
        }
        try {
            return Units.size(text);
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return defaultValue;
        }
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        String text = scalar(key, "a duration");
        if (text == null) {
            return defaultValue;
        }
        try {
            return Units.duration(text);
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return defaultValue;
        }
    }

    @Override
    public List<String> stringList(String key, List<String> defaultValue) {
        List<Item> items = items(key);
        return items == null ? defaultValue : items.stream().map(Item::text).toList();
    }

    @Override
    public ConfigSection section(String key) {
        return child(key);
    }

    /** Like {@link #section} with the implementation type, for the service binder. */
    MappingSection child(String key) {
        read.add(key);
        return children.computeIfAbsent(key, k -> {
            NodeTuple tuple = entries.get(k);
            Node value = tuple == null ? null : tuple.getValueNode();
            MappingNode mapping = null;
            if (value instanceof MappingNode m) {
                mapping = m;
            } else if (value != null && !isNull(value)) {
                problems.error(childPath(path, k), keyMark(k), "must be a mapping, not " + describe(value));
            }
            return new MappingSection(childPath(path, k), keyMark(k), mapping, problems, expansion);
        });
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public void error(String key, String message) {
        problems.error(childPath(path, key), keyMark(key), message);
    }

    /** The key's position, or this section's when the key is absent. */
    Optional<Mark> keyMark(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? anchor : tuple.getKeyNode().getStartMark();
    }

    // The expanded text of a scalar value, or null for absent/null values and reported problems.
    private String scalar(String key, String expected) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return null;
        }
        Node value = tuple.getValueNode();
        if (!(value instanceof ScalarNode scalar)) {
            error(key, "must be " + expected + ", not " + describe(value));
            return null;
        }
        return expansion.expand(scalar.getValue(), childPath(path, key), keyMark(key));
    }
}
