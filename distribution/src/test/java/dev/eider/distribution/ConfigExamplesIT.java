package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in config-examples/ is validated and booted by the real collector.jar. */
class ConfigExamplesIT {
    @TempDir
    Path dir;

    static List<Path> examples() throws IOException {
        Path folder = Path.of(System.getProperty("eider.project.dir"), "config-examples");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(yaml.isEmpty(), "no examples in " + folder);
            return yaml;
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validatesAndBoots(Path example) throws Exception {
        Path jar = CollectorProcess.jar("eider.collector.jar");
        try (CollectorProcess validate = CollectorProcess.start(jar, dir, "validate", "--config", example.toString())) {
            assertEquals(0, validate.awaitExit(Duration.ofSeconds(60)), validate.output());
        }
        try (CollectorProcess run = CollectorProcess.start(jar, dir, "--config", example.toString())) {
            run.awaitLine("is running", Duration.ofSeconds(60));
            run.terminate();
            assertEquals(0, run.awaitExit(Duration.ofSeconds(60)), run.output());
        }
    }
}
