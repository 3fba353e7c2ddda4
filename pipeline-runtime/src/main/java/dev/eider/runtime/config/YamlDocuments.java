package dev.eider.runtime.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses YAML text into nodes that keep their source and line, and merges the documents of
 * several files. Problems (syntax, duplicate or non-string keys, a document that is not a
 * mapping) are reported, never thrown.
 */
final class YamlDocuments {
    private YamlDocuments() {}

    /** The document's root mapping; empty when the text is empty or has a problem (reported). */
    static Optional<MappingNode> parse(String source, String text, Problems problems) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema()).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String column = mark.map(m -> " (column " + (m.getColumn() + 1) + ")").orElse("");
            problems.error(new ConfigError("", source, mark.map(m -> m.getLine() + 1).orElse(0),
                    "invalid YAML: " + e.getProblem() + column));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.error(new ConfigError("", source, 0, "invalid YAML: " + e.getMessage()));
            return Optional.empty();
        }
        if (root.isEmpty() || isNull(root.get())) {
            return Optional.empty();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            problems.error("", root.get().getStartMark(), "the configuration must be a mapping, not " + describe(root.get()));
            return Optional.empty();
        }
        int before = problems.errorCount();
        checkKeys(mapping, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems.errorCount() == before ? Optional.of(mapping) : Optional.empty();
    }

    /** Mappings merge key by key, recursively; any other value of {@code over} replaces the one in {@code base}. */
    static MappingNode merge(MappingNode base, MappingNode over) {
        Map<String, NodeTuple> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : base.getValue()) {
            merged.put(keyText(tuple), tuple);
        }
        for (NodeTuple tuple : over.getValue()) {
            NodeTuple existing = merged.get(keyText(tuple));
            if (existing != null
                    && existing.getValueNode() instanceof MappingNode baseValue
                    && tuple.getValueNode() instanceof MappingNode overValue) {
                merged.put(keyText(tuple), new NodeTuple(tuple.getKeyNode(), merge(baseValue, overValue)));
            } else {
                merged.put(keyText(tuple), tuple);
            }
        }
        return new MappingNode(Tag.MAP, true, new ArrayList<>(merged.values()), FlowStyle.AUTO,
                over.getStartMark(), over.getEndMark());
    }

    static String keyText(NodeTuple tuple) {
        return ((ScalarNode) tuple.getKeyNode()).getValue();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** How a node is named in "must be X, not Y" messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    static String childPath(String path, String key) {
        return path.isEmpty() ? key : path + "::" + key;
    }

    // Compose does not check keys (the constructor would); every later step relies on unique string keys.
    private static void checkKeys(Node node, String path, Problems problems, Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                checkKeys(item, path, problems, visited);
            }
        } else if (node instanceof MappingNode mapping) {
            Map<String, Integer> firstLine = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                    problems.error(path, tuple.getKeyNode().getStartMark(), "keys must be plain strings");
                    continue;
                }
                int line = tuple.getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0);
                Integer first = firstLine.putIfAbsent(key.getValue(), line);
                String keyPath = childPath(path, key.getValue());
                if (first != null) {
                    problems.error(keyPath, key.getStartMark(), "duplicate key (first defined on line " + first + ")");
                }
                checkKeys(tuple.getValueNode(), keyPath, problems, visited);
            }
        }
    }
}
