package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.StubHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics over a real socket, parsed line by line as a Prometheus 0.0.4 scraper would. */
class AdminMetricsTest {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})? (\\S+)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "untyped", "summary", "histogram");

    /** One scrape: samples by "name{labels}", and each family's HELP and TYPE. */
    private record Scrape(Map<String, String> samples, Map<String, String> help, Map<String, String> type) {}

    private static Scrape scrape(StubHost host) throws Exception {
        AdminExtension admin = new AdminExtension(ComponentId.of("admin"),
                new AdminConfig(new Endpoint("127.0.0.1", 0), AdminFixtures.TOKEN));
        admin.start(host);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(admin.uri() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(""));
            return parse(response.body());
        } finally {
            admin.shutdown();
        }
    }

    private static Scrape parse(String text) {
        assertTrue(text.endsWith("\n"), "exposition must end with a line feed");
        Map<String, String> samples = new LinkedHashMap<>();
        Map<String, String> help = new HashMap<>();
        Map<String, String> type = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.split(" ", 4);
                assertEquals(null, help.put(parts[2], parts[3]), "second HELP for " + parts[2]);
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertEquals(4, parts.length, line);
                assertTrue(TYPES.contains(parts[3]), line);
                assertTrue(help.containsKey(parts[2]), "TYPE before HELP for " + parts[2]);
                assertEquals(null, type.put(parts[2], parts[3]), "second TYPE for " + parts[2]);
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a sample line: " + line);
                String name = m.group(1);
                assertNotNull(type.get(name), "sample before its TYPE: " + line);
                Double.parseDouble(m.group(3));
                assertEquals(null, samples.put(name + (m.group(2) == null ? "" : m.group(2)), m.group(3)),
                        "duplicate series " + line);
            }
        }
        for (Map.Entry<String, String> family : type.entrySet()) {
            if (family.getValue().equals("counter")) {
                assertTrue(family.getKey().endsWith("_total"), family.getKey());
            }
        }
        return new Scrape(samples, help, type);
    }

    @Test
    void exposesPipelineAndReceiverCounters() throws Exception {
        StubHost host = new StubHost()
                .receivers(List.of(AdminFixtures.HTTP_LISTENER, AdminFixtures.GRPC_LISTENER))
                .pipelines(List.of(AdminFixtures.LOGS, AdminFixtures.TRACES));
        Scrape scrape = scrape(host);
        Map<String, String> s = scrape.samples();

        assertEquals("1", s.get("eider_ready"));
        assertEquals("120", s.get("eider_pipeline_buffered_rows{pipeline=\"logs\"}"));
        assertEquals("0", s.get("eider_pipeline_buffered_rows{pipeline=\"traces/x\"}"));
        assertEquals("4096", s.get("eider_pipeline_buffered_bytes{pipeline=\"logs\"}"));
        assertEquals("8192", s.get("eider_pipeline_admitted_bytes{pipeline=\"logs\"}"));
        assertEquals("134217728", s.get("eider_pipeline_seal_target_bytes{pipeline=\"logs\"}"));
        assertEquals("7", s.get("eider_pipeline_seals_total{pipeline=\"logs\"}"));
        assertEquals("9000", s.get("eider_pipeline_committed_rows_total{pipeline=\"logs\"}"));
        assertEquals("1", s.get("eider_pipeline_seal_failures_total{pipeline=\"logs\"}"));
        assertEquals("2", s.get("eider_pipeline_maintenance_runs_total{pipeline=\"logs\"}"));
        assertEquals("0", s.get("eider_pipeline_maintenance_failures_total{pipeline=\"logs\"}"));
        assertEquals("3", s.get("eider_pipeline_promoted_columns_total{pipeline=\"logs\"}"));
        assertEquals("1.234", s.get("eider_pipeline_oldest_buffered_age_seconds{pipeline=\"logs\"}"));
        assertEquals("0.250", s.get("eider_pipeline_last_seal_age_seconds{pipeline=\"logs\"}"));
        // Unknown ages are left out rather than reported as 0.
        assertFalse(s.containsKey("eider_pipeline_oldest_buffered_age_seconds{pipeline=\"traces/x\"}"));
        assertFalse(s.containsKey("eider_pipeline_last_seal_age_seconds{pipeline=\"traces/x\"}"));

        assertEquals("2", s.get("eider_receiver_active_requests{receiver=\"otlp\",protocol=\"http\"}"));
        assertEquals("10", s.get("eider_receiver_requests_total{receiver=\"otlp\",protocol=\"http\"}"));
        assertEquals("1500", s.get("eider_receiver_rows_total{receiver=\"otlp\",protocol=\"http\"}"));
        assertEquals("1", s.get("eider_receiver_listening{receiver=\"otlp\",protocol=\"http\"}"));
        assertEquals("3", s.get("eider_receiver_requests_total{receiver=\"otlp/internal\",protocol=\"grpc\"}"));
        assertEquals("0", s.get("eider_receiver_listening{receiver=\"otlp/internal\",protocol=\"grpc\"}"));

        assertEquals("gauge", scrape.type().get("eider_pipeline_buffered_rows"));
        assertEquals("counter", scrape.type().get("eider_pipeline_seals_total"));
        assertEquals("counter", scrape.type().get("eider_receiver_rows_total"));
        assertEquals("gauge", scrape.type().get("eider_receiver_active_requests"));
        assertEquals("Successful seals", scrape.help().get("eider_pipeline_seals_total"));
        assertEquals(2, s.keySet().stream().filter(k -> k.startsWith("eider_pipeline_seals_total{")).count());
    }

    @Test
    void degradedAndEmptyCollector() throws Exception {
        Scrape scrape = scrape(new StubHost().ready(false));
        assertEquals(Map.of("eider_ready", "0"), scrape.samples());
        assertEquals("counter", scrape.type().get("eider_pipeline_committed_rows_total"));
    }

    @Test
    void escapesLabelValues() throws Exception {
        ListenerStatus odd = new ListenerStatus("we\"ird\\id\nx", "http", "otlp:http://h:1", "http://h:1", "h", 1,
                0, 5, 0, true, null);
        Scrape scrape = scrape(new StubHost().receivers(List.of(odd)));
        assertEquals("5", scrape.samples().get("eider_receiver_requests_total{receiver=\"we\\\"ird\\\\id\\nx\",protocol=\"http\"}"));
    }
}
