package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentFactory;
import dev.eider.runtime.service.Distribution;
import dev.eider.runtime.testkit.ConfigBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents every key every standard component reads, under a heading
 * named after the component type, so the reference cannot drift from the config records.
 */
class ConfigurationReferenceTest {
    private static final Pattern HEADING = Pattern.compile("^### (\\S+)\\s*$");
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\|");

    @Test
    void everyKeyOfEveryStandardComponentIsDocumented() throws Exception {
        Map<String, Set<String>> documented = documentedKeys(
                Path.of(System.getProperty("eider.project.dir"), "docs", "configuration.md"));
        Distribution standard = DaggerStandardDistribution.create();
        List<ComponentFactory<?>> factories = new ArrayList<>();
        factories.addAll(standard.receivers().values());
        factories.addAll(standard.processors().values());
        factories.addAll(standard.exporters().values());
        factories.addAll(standard.extensions().values());
        List<String> missing = new ArrayList<>();
        for (ComponentFactory<?> factory : factories) {
            Set<String> keys = documented.get(factory.type());
            if (keys == null) {
                missing.add("no section '### " + factory.type() + "'");
                continue;
            }
            for (String key : ConfigBinding.knownKeys(factory)) {
                boolean covered = keys.stream().anyMatch(k -> k.equals(key) || k.startsWith(key + "."));
                if (!covered) {
                    missing.add(factory.type() + ": " + key);
                }
            }
        }
        assertTrue(missing.isEmpty(), "undocumented in docs/configuration.md: " + missing);
    }

    private static Map<String, Set<String>> documentedKeys(Path file) throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        Set<String> current = null;
        for (String line : Files.readAllLines(file)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                current = out.computeIfAbsent(heading.group(1), k -> new HashSet<>());
                continue;
            }
            Matcher row = KEY_ROW.matcher(line);
            if (current != null && row.find()) {
                current.add(row.group(1));
            }
        }
        return out;
    }
}
