package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.eider.runtime.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config-examples/ is validated and booted by the real collector.jar. The boot adds
 * a second --config that moves every listener to a free port (the merge of several files is
 * exercised on the way), so an example's fixed ports never clash with what else runs here.
 */
class ConfigExamplesIT {
    private static final String POSTGRES_ENV = "EIDER_LAKE_POSTGRES";

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
        Path freePorts = dir.resolve("free-ports.yaml");
        String text = Files.readString(example);
        Files.writeString(freePorts, FreePortsOverlay.of(text));
        // An example whose catalog is PostgreSQL reads its connection from EIDER_LAKE_POSTGRES.
        Map<String, String> env = new HashMap<>();
        try (PostgresServer postgres = text.contains("${env:" + POSTGRES_ENV) ? PostgresServer.start() : null) {
            if (postgres != null) {
                env.put(POSTGRES_ENV, postgres.connectionString());
            }
            try (CollectorProcess run = CollectorProcess.start(jar, dir, env, "--config", example.toString(),
                    "--config", freePorts.toString())) {
                run.awaitLine("is running", Duration.ofSeconds(60));
                run.terminate();
                assertEquals(0, run.awaitExit(Duration.ofSeconds(60)), run.output());
            }
        }
    }
}
