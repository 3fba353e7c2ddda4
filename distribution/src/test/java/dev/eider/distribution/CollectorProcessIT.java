package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real collector.jar as a process: default pipeline, SIGTERM, the stop command, validate. */
class CollectorProcessIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String LOG = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"it"}}]},
             "scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000000","severityNumber":9,
             "body":{"stringValue":"hello from the process test"}}]}]}]}""";

    @TempDir
    Path dir;

    private final Path jar = CollectorProcess.jar("eider.collector.jar");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void defaultPipelineAcceptsLogsAndSealsThemOnSigterm() throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(jar, dir)) {
            collector.awaitLine("is running", STARTUP);
            String token = collector.awaitLine("auth token[^:]*: ([0-9a-f]{32})", STARTUP);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:4318/v1/logs"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(LOG)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
            collector.terminate();
            assertEquals(0, collector.awaitExit(Duration.ofSeconds(60)), collector.output());
            assertTrue(collector.output().contains("every accepted row was sealed"), collector.output());
        }
        assertEquals(1, DuckDbRows.count(dir.resolve("eider.duckdb"), "otlp_logs"));
    }

    @Test
    void stopCommandShutsDownARunningCollector() throws Exception {
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                exporters:
                  duckdb:
                    path: stop.duckdb
                extensions:
                  admin:
                    endpoint: localhost:0
                    token: admin-token-0123456789abcdef
                service:
                  extensions: [admin]
                  pipelines:
                    logs: {receivers: [otlp], exporters: [duckdb]}
                """);
        try (CollectorProcess collector = CollectorProcess.start(jar, dir, "--config", config.toString())) {
            String adminUrl = collector.awaitLine("admin API listening on (http://\\S+)", STARTUP);
            collector.awaitLine("is running", STARTUP);
            try (CollectorProcess stop = CollectorProcess.start(jar, dir, "stop", "--admin", adminUrl,
                    "--token", "admin-token-0123456789abcdef")) {
                assertEquals(0, stop.awaitExit(STARTUP), stop.output());
            }
            assertEquals(0, collector.awaitExit(Duration.ofSeconds(60)), collector.output());
        }
    }

    @Test
    void validateOfABadConfigExitsNonZeroListingEveryProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:notaport
                exporters:
                  duckdb:
                    create_tables: maybe
                service:
                  pipelines:
                    logs: {receivers: [otlp, zipkin], exporters: [duckdb]}
                """);
        try (CollectorProcess validate = CollectorProcess.start(jar, dir, "validate", "--config", bad.toString())) {
            assertEquals(3, validate.awaitExit(STARTUP), validate.output());
            String text = validate.output();
            assertTrue(text.contains("endpoint") && text.contains("bad.yaml:5"), text);
            assertTrue(text.contains("create_tables") && text.contains("bad.yaml:8"), text);
            assertTrue(text.contains("zipkin") && text.contains("bad.yaml:11"), text);
        }
    }
}
