package dev.eider.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short, low-rate run of {@code benchmarks/run.sh} against the real collector.jar, so the
 * harness cannot rot: it must start Eider, offer load, stop it, find every accepted record in
 * DuckDB and write its results row.
 */
class HarnessSmokeIT {
    @TempDir
    Path dir;

    @Test
    void runShMeasuresEiderAndFindsEveryAcceptedRecord() throws Exception {
        Path root = Path.of(System.getProperty("eider.project.dir"));
        Path results = dir.resolve("results.md");
        ProcessBuilder run = new ProcessBuilder(List.of("bash", root.resolve("benchmarks/run.sh").toString(),
                "eider-logs-http")).redirectErrorStream(true);
        run.environment().putAll(java.util.Map.of("DURATION", "8", "WARMUP", "2", "RATE", "5000",
                "CONCURRENCY", "2", "RESULTS", results.toString()));
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        String rows = Files.readString(results);
        assertTrue(rows.lines().anyMatch(l -> l.contains("| eider-logs-http |") && l.contains(" = yes |")),
                "no verified results row in:\n" + rows + "\n" + output);
    }
}
