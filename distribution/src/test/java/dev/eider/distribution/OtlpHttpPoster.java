package dev.eider.distribution;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posts OTLP/JSON log requests to a collector, as a plain HTTP client would. */
final class OtlpHttpPoster {
    private static final Pattern ROWS = Pattern.compile("\"rows\"\\s*:\\s*(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI logsUri;
    private final String token;

    OtlpHttpPoster(int port, String token) {
        this.logsUri = URI.create("http://localhost:" + port + "/v1/logs");
        this.token = token;
    }

    /** A request of {@code records} log records whose bodies are padded to about {@code bodyBytes}. */
    static String logs(int records, int bodyBytes, String tag) {
        StringBuilder sb = new StringBuilder("{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"load\"}}]},\"scopeLogs\":[{\"logRecords\":[");
        String padding = "x".repeat(Math.max(0, bodyBytes));
        for (int i = 0; i < records; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"timeUnixNano\":\"1700000000000000000\",\"severityNumber\":9,\"body\":{\"stringValue\":\"")
                    .append(tag).append('-').append(i).append(padding).append("\"}}");
        }
        return sb.append("]}]}]}").toString();
    }

    HttpResponse<String> post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(logsUri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Rows a 202 answer says were accepted. */
    static long acceptedRows(HttpResponse<String> response) {
        Matcher m = ROWS.matcher(response.body());
        if (response.statusCode() != 202 || !m.find()) {
            throw new AssertionError("not an accepted response: " + response.statusCode() + " " + response.body());
        }
        return Long.parseLong(m.group(1));
    }
}
