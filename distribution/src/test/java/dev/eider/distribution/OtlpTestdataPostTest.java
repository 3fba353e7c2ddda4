package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OTLP/JSON and NDJSON file of test-data/otlp, posted raw to a running collector:
 * well-formed files land with exactly the rows the receiver accepted, malformed ones get 400
 * and land nothing.
 */
class OtlpTestdataPostTest {
    private static final String TOKEN = "testdata-token-0123456789";
    private static final Map<String, List<String>> TABLES = Map.of(
            "logs", List.of("otlp_logs"),
            "traces", List.of("otlp_traces"),
            "metrics", List.of("otlp_metrics_gauge", "otlp_metrics_sum", "otlp_metrics_histogram",
                    "otlp_metrics_exp_histogram"));

    @TempDir
    Path dir;

    static List<Path> files() throws IOException {
        Path folder = Path.of(System.getProperty("eider.test.data"), "otlp");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void postedRawTheRowsLand(Path file) throws Exception {
        String body = Files.readString(file);
        String signal = body.contains("\"resourceSpans\"") ? "traces"
                : body.contains("\"resourceMetrics\"") ? "metrics" : "logs";
        boolean ndjson = file.toString().endsWith(".jsonl");
        boolean malformed = file.getFileName().toString().contains("malformed");
        Path db = dir.resolve("testdata.duckdb");
        long accepted = 0;
        try (RunningCollector collector = RunningCollector.start("""
                receivers: {otlp: {protocols: {http: {endpoint: "localhost:0"}}}}
                processors: {auth: {token: %s}}
                exporters: {duckdb: {path: "%s"}}
                service:
                  pipelines:
                    %s: {receivers: [otlp], processors: [auth], exporters: [duckdb]}
                """.formatted(TOKEN, db, signal))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + collector.port("otlp", "http") + "/v1/" + signal))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", ndjson ? "application/x-ndjson" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (malformed) {
                assertEquals(400, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"error\":\"bad_data\""), response.body());
            } else {
                accepted = OtlpHttpPoster.acceptedRows(response);
                assertTrue(accepted > 0 || body.isBlank() || file.getFileName().toString().contains("summary_only"),
                        file + " accepted no rows: " + response.body());
            }
            assertTrue(collector.stop().clean());
        }
        long landed = 0;
        for (String table : TABLES.get(signal)) {
            landed += DuckDbRows.count(db, table);
        }
        assertEquals(accepted, landed, file.toString());
    }
}
