package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> env, String... args) {
        CollectorCli cli = new CollectorCli(DaggerStandardDistribution.create(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env::get);
        return cli.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        assertEquals(0, run("--help"));
        for (String command : CliArguments.COMMANDS) {
            assertTrue(out().contains(command), command);
        }
        assertTrue(out().contains("Exit codes"));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("version"));
        assertTrue(out().matches("eider \\d+\\.\\d+\\.\\d+.*\\R"), out());
    }

    @Test
    void componentsListsEveryStandardTypeWithStability() {
        assertEquals(0, run("components"));
        String text = out();
        for (String line : new String[] {"receivers:", "processors:", "exporters:", "extensions:"}) {
            assertTrue(text.contains(line), line);
        }
        for (String type : new String[] {"otlp", "auth", "batch", "duckdb", "admin"}) {
            assertTrue(text.matches("(?s).*\\n  " + type + " +(development|alpha|beta|stable)\\n.*"), type + " in " + text);
        }
    }

    @Test
    void unknownCommandAndOptionAreUsageErrors() {
        assertEquals(2, run("launch"));
        assertTrue(err().contains("unknown command 'launch'"));
        assertEquals(2, run("validate", "--colour"));
        assertEquals(2, run("validate", "--config"));
        assertTrue(err().contains("--config needs a value"));
    }

    @Test
    void validateAcceptsTheBuiltInDefault() {
        assertEquals(0, run("validate"));
        assertTrue(out().contains("configuration is valid: 3 pipeline(s)"), out());
    }

    @Test
    void validateReportsEveryProblemWithPathAndLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: 0.0.0.0:4318
                processors:
                  batch:
                    seal_max_age: soon
                exporters:
                  duckdb:
                    path: x.duckdb
                    colour: blue
                service:
                  pipelines:
                    logs:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [duckdb, parquet]
                """);
        assertEquals(3, run("validate", "--config", bad.toString()));
        String text = err();
        assertTrue(text.contains("receivers::otlp::protocols::http::endpoint") && text.contains("bad.yaml:5"), text);
        assertTrue(text.contains("processors::batch::seal_max_age") && text.contains("bad.yaml:8"), text);
        assertTrue(text.contains("exporters::duckdb::colour") && text.contains("bad.yaml:12"), text);
        assertTrue(text.contains("parquet"), text);
    }

    @Test
    void adminCommandsExplainAnUnreachableCollector() {
        assertEquals(4, run("status", "--admin", "http://127.0.0.1:1", "--token", "0123456789abcdef0123"));
        assertTrue(err().contains("127.0.0.1:1"), err());
    }
}
