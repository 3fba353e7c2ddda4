package dev.eider.runtime.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * Loads, validates and binds a collector configuration. Every problem found is collected and
 * thrown at once as a {@link ConfigException}; nothing is thrown at the first problem.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Loads the files in order (later mappings merge into earlier ones key by key, scalars and
     * lists replace) and binds the result. {@code env} looks up {@code ${env:VAR}} (null when unset).
     *
     * @throws ConfigException listing every error
     */
    public static CollectorConfig load(List<Path> files, ComponentRegistry registry, Function<String, String> env) {
        List<String> sources = files.stream().map(Path::toString).toList();
        Problems problems = new Problems(sources);
        if (files.isEmpty()) {
            problems.error(new ConfigError("", null, 0, "no configuration file given"));
        }
        List<Optional<MappingNode>> documents = new ArrayList<>();
        for (Path file : files) {
            String text = read(file, problems);
            documents.add(text == null ? Optional.empty() : YamlDocuments.parse(file.toString(), text, problems));
        }
        return bind(documents, registry, env, problems);
    }

    /**
     * Loads one YAML text named {@code sourceName} in messages (the built-in default
     * configuration, tests) and binds it.
     *
     * @throws ConfigException listing every error
     */
    public static CollectorConfig load(String sourceName, String yaml, ComponentRegistry registry, Function<String, String> env) {
        Problems problems = new Problems(List.of(sourceName));
        return bind(List.of(YamlDocuments.parse(sourceName, yaml, problems)), registry, env, problems);
    }

    private static CollectorConfig bind(
            List<Optional<MappingNode>> documents, ComponentRegistry registry, Function<String, String> env, Problems problems) {
        // Binding a document with syntax errors would only add noise about what is missing.
        problems.throwIfAny();
        MappingNode merged = null;
        for (Optional<MappingNode> document : documents) {
            if (document.isPresent()) {
                merged = merged == null ? document.get() : YamlDocuments.merge(merged, document.get());
            }
        }
        MappingSection root = MappingSection.root("", merged, problems, env);
        CollectorConfig config = new ServiceBinder(registry, problems).bind(root);
        problems.throwIfAny();
        return config;
    }

    private static String read(Path file, Problems problems) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.error(new ConfigError("", file.toString(), 0, "file not found"));
        } catch (MalformedInputException e) {
            problems.error(new ConfigError("", file.toString(), 0, "not valid UTF-8 text"));
        } catch (IOException e) {
            problems.error(new ConfigError("", file.toString(), 0, "cannot be read: " + e));
        }
        return null;
    }
}
