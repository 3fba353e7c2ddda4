package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.iceberg.RestCatalogFixture;
import dev.eider.runtime.testkit.PostgresServer;
import dev.eider.runtime.testkit.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config-examples/ is validated and booted by the real collector.jar. The boot adds
 * a second --config that moves every listener to a free port (the merge of several files is
 * exercised on the way), so an example's fixed ports never clash with what else runs here. An
 * example that reads {@code EIDER_S3_*} variables gets a real S3 server (whose bucket and key the
 * variables name), since its exporter lists the bucket at start; one that reads
 * {@code EIDER_LAKE_POSTGRES} gets a throwaway PostgreSQL cluster for its DuckLake catalog; one
 * that reads {@code EIDER_ICEBERG_*} gets Apache Iceberg's REST catalog on a loopback port, with a
 * local warehouse directory and a bearer token it requires; the exporter creates its tables there
 * at start.
 */
class ConfigExamplesIT {
    private static final String S3_VARIABLES = "EIDER_S3_";
    private static final String S3_BUCKET = "eider-examples";
    private static final String POSTGRES_ENV = "EIDER_LAKE_POSTGRES";
    private static final String ICEBERG_VARIABLES = "EIDER_ICEBERG_";
    private static final String ICEBERG_TOKEN = "example-token";

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
        String text = Files.readString(example);
        Map<String, String> env = new HashMap<>();
        try (S3TestServer s3 = text.contains("${env:" + S3_VARIABLES)
                        ? S3TestServer.start(Files.createDirectories(dir.resolve("s3")), S3_BUCKET) : null;
                PostgresServer postgres = text.contains("${env:" + POSTGRES_ENV) ? PostgresServer.start() : null;
                RestCatalogFixture iceberg = text.contains("${env:" + ICEBERG_VARIABLES)
                        ? new RestCatalogFixture(Files.createDirectories(dir.resolve("iceberg")),
                                Optional.of(ICEBERG_TOKEN)) : null) {
            if (s3 != null) {
                env.putAll(Map.of(
                        S3_VARIABLES + "BUCKET", S3_BUCKET,
                        S3_VARIABLES + "ENDPOINT", s3.endpoint(),
                        S3_VARIABLES + "URL_STYLE", "path",
                        S3_VARIABLES + "USE_SSL", "false",
                        S3_VARIABLES + "KEY_ID", S3TestServer.KEY_ID,
                        S3_VARIABLES + "SECRET", S3TestServer.SECRET));
            }
            if (postgres != null) {
                env.put(POSTGRES_ENV, postgres.connectionString());
            }
            if (iceberg != null) {
                env.putAll(Map.of(
                        ICEBERG_VARIABLES + "ENDPOINT", iceberg.endpoint(),
                        ICEBERG_VARIABLES + "WAREHOUSE", iceberg.warehouse().toString(),
                        ICEBERG_VARIABLES + "TOKEN", ICEBERG_TOKEN));
            }
            validateAndBoot(example, text, env);
            if (iceberg != null) {
                assertTrue(Files.isDirectory(iceberg.warehouse().resolve("eider").resolve("otlp_logs")),
                        "the example's collector created its tables in the catalog");
            }
        }
    }

    private void validateAndBoot(Path example, String text, Map<String, String> env) throws Exception {
        Path jar = CollectorProcess.jar("eider.collector.jar");
        try (CollectorProcess validate = CollectorProcess.start(jar, dir, env, "validate", "--config",
                example.toString())) {
            assertEquals(0, validate.awaitExit(Duration.ofSeconds(60)), validate.output());
        }
        Path freePorts = dir.resolve("free-ports.yaml");
        Files.writeString(freePorts, FreePortsOverlay.of(text));
        try (CollectorProcess run = CollectorProcess.start(jar, dir, env, "--config", example.toString(),
                "--config", freePorts.toString())) {
            run.awaitLine("is running", Duration.ofSeconds(60));
            run.terminate();
            assertEquals(0, run.awaitExit(Duration.ofSeconds(60)), run.output());
        }
    }
}
