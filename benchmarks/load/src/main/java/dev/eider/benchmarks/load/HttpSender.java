package dev.eider.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** OTLP/HTTP protobuf over HTTP/1.1 keep-alive connections (one per sending thread). */
final class HttpSender implements Sender {
    private final HttpClient client;
    private final URI base;
    private final Map<String, String> headers;

    HttpSender(URI base, Map<String, String> headers) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.base = base;
        this.headers = headers;
    }

    @Override
    public Outcome send(Payload payload) {
        var request = HttpRequest.newBuilder(base.resolve(payload.signal().httpPath()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()));
        if (payload.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int code = response.statusCode();
            // 200 (written) and 202 (admitted to the buffer) are both acceptance
            boolean ok = code / 100 == 2;
            return new Outcome(Integer.toString(code), ok, ok ? PartialSuccess.rejected(response.body()) : 0);
        } catch (IOException e) {
            return new Outcome("io " + e.getClass().getSimpleName(), false, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("interrupted", false, 0);
        }
    }

    @Override
    public void close() {
        // HttpClient on Java 17 has no close; its threads are daemons
    }
}
