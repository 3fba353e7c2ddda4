package dev.eider.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.TestFactories.MultiConfig;
import dev.eider.runtime.config.TestFactories.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlLoadingTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static CollectorConfig load(List<Path> files) {
        return ConfigLoader.load(files, TestFactories.registry(), name -> null);
    }

    private static List<String> errors(List<Path> files) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(files));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void laterFilesMergeMappingsAndReplaceScalarsAndLists() throws IOException {
        Path base = write("base.yaml", """
                receivers:
                  multi:
                    protocols:
                      http: { endpoint: "localhost:4318" }
                exporters:
                  store: { path: base.db, retries: 5 }
                  store/b: { path: b.db }
                service:
                  pipelines:
                    logs: { receivers: [multi], exporters: [store, store/b] }
                """);
        Path override = write("override.yaml", """
                receivers:
                  multi:
                    protocols:
                      grpc: { endpoint: "localhost:4317" }
                exporters:
                  store: { path: override.db }
                service:
                  pipelines:
                    logs: { exporters: [store] }
                """);

        CollectorConfig config = load(List.of(base, override));

        assertEquals(new MultiConfig(new Endpoint("localhost", 4318), new Endpoint("localhost", 4317)),
                config.receivers().get(ComponentId.of("multi")).config());
        assertEquals(new StoreConfig("override.db", Duration.ofSeconds(30), 5, true),
                config.exporters().get(ComponentId.of("store")).config());
        assertEquals(List.of(ComponentId.of("store")), config.pipelines().get(0).exporters());
        assertEquals(List.of(ComponentId.of("multi")), config.pipelines().get(0).receivers());
    }

    @Test
    void errorsNameTheFileEachKeyCameFrom() throws IOException {
        Path base = write("base.yaml", """
                exporters:
                  store: { retries: 20 }
                service:
                  pipelines:
                    logs: { receivers: [socket], exporters: [store] }
                """);
        Path override = write("override.yaml", """
                receivers:
                  socket: { max_body_bytes: lots }
                """);
        assertEquals(List.of(
                        "exporters::store::retries: must be between 0 and 10, not 20 (" + base + ":2)",
                        "receivers::socket::max_body_bytes: 'lots' is not a size; write bytes or a number with a unit: "
                                + "512KiB, 16MiB, 1GiB (or KB, MB, GB for powers of 10) (" + override + ":2)"),
                errors(List.of(base, override)));
    }

    @Test
    void syntaxErrorsBecomeConfigErrorsWithFileAndLine() throws IOException {
        Path good = write("good.yaml", "receivers: { socket: }\n");
        Path bad = write("bad.yaml", """
                exporters:
                  store:
                    path: a
                   retries: 2
                """);
        List<String> errors = errors(List.of(good, bad));
        assertEquals(List.of("invalid YAML: expected <block end>, but found '<block mapping start>' (column 4) ("
                + bad + ":4)"), errors);
    }

    @Test
    void unclosedFlowMappingIsASyntaxError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("default.yaml",
                "receivers: { socket: \nservice: [\n", TestFactories.registry(), name -> null));
        assertEquals(1, e.errors().size());
        assertEquals("default.yaml", e.errors().get(0).source());
        assertEquals("", e.errors().get(0).path());
    }

    @Test
    void duplicateAndNonStringKeys() {
        assertEquals(List.of(
                        "exporters::store::path: duplicate key (first defined on line 3) (pipeline.yaml:4)",
                        "exporters::store: keys must be plain strings (pipeline.yaml:5)"),
                ConfigLoaderTest.errors("""
                        exporters:
                          store:
                            path: a.db
                            path: b.db
                            ? [x, y]
                            : z
                        """));
    }

    @Test
    void theDocumentMustBeAMapping() {
        assertEquals(List.of("the configuration must be a mapping, not a list (pipeline.yaml:1)"),
                ConfigLoaderTest.errors("- receivers\n- exporters\n"));
    }

    @Test
    void missingAndUnreadableFiles() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "path: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("file not found (" + missing + ")", "not valid UTF-8 text (" + latin1 + ")"),
                errors(List.of(missing, latin1)));
        assertEquals(List.of("no configuration file given"), errors(List.of()));
    }
}
