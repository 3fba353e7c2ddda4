package dev.eider.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Processor;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatches;
import dev.eider.runtime.testkit.CapturingConsumer;
import io.netty.handler.codec.http.HttpMethod;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OtlpHttpReceiverTest {
    private static final String JSON = "application/json";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String TOKEN = "token-for-the-receiver-test";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CapturingConsumer logs = new CapturingConsumer(Signal.LOGS);
    private final CapturingConsumer metrics = new CapturingConsumer(Signal.METRICS);
    private RunningReceiver running;

    @AfterEach
    void tearDown() throws Exception {
        assertEquals(0, logs.openAdmissions(), "admissions leaked");
        assertEquals(0, metrics.openAdmissions(), "admissions leaked");
        logs.close();
        metrics.close();
        if (running != null) {
            running.close();
        }
    }

    private RunningReceiver start(String http, CapturingConsumer... consumers) throws Exception {
        running = new RunningReceiver(http, consumers);
        return running;
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(running.uri(path))
                .header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(running.uri(path)).GET().build(), BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String reason, String messagePart) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(JSON, response.headers().firstValue("content-type").orElse(null));
        assertTrue(response.body().startsWith("{\"error\":\"" + reason + "\",\"message\":\""), response.body());
        assertTrue(response.body().contains(messagePart), response.body());
    }

    @Test
    void jsonLogsAreBufferedAndCounted() throws Exception {
        start("", logs);
        HttpResponse<String> response = post("/v1/logs", "application/json; charset=utf-8", OtlpBodies.logsJsonBytes(3));
        assertEquals(202, response.statusCode(), response.body());
        assertEquals("{\"status\":\"buffered\",\"rows\":3,\"batches\":1}", response.body());
        assertEquals(JSON, response.headers().firstValue("content-type").orElseThrow());
        assertEquals(3, logs.rows());
        assertEquals(Table.LOGS, logs.captured().get(0).batches().get(0).table());
        // a request stays active until its response is flushed, which the client may see first
        ListenerStatus status = running.status();
        for (int i = 0; i < 500 && status.activeRequests() != 0; i++) {
            Thread.sleep(10);
            status = running.status();
        }
        assertEquals(1, status.totalRequests());
        assertEquals(0, status.activeRequests());
        assertEquals(3, status.totalRows());
        assertTrue(status.isListening());
    }

    @Test
    void ndjsonCarriesOneRequestPerLine() throws Exception {
        start("", logs);
        String body = OtlpBodies.logsJson(2) + "\n" + OtlpBodies.logsJson(1) + "\n";
        HttpResponse<String> response = post("/v1/logs", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(3, logs.rows());
    }

    @Test
    void protobufRequestGetsAProtobufExportResponse() throws Exception {
        start("", logs);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(running.uri("/v1/logs"))
                .header("Content-Type", PROTOBUF).POST(BodyPublishers.ofByteArray(OtlpBodies.logsProtobuf(4))).build(),
                BodyHandlers.ofByteArray());
        assertEquals(202, response.statusCode());
        assertEquals(PROTOBUF, response.headers().firstValue("content-type").orElseThrow());
        assertFalse(ExportLogsServiceResponse.parseFrom(response.body()).hasPartialSuccess());
        assertEquals(4, logs.rows());
    }

    @Test
    void rejectedDataPointsAreReportedAsPartialSuccess() throws Exception {
        start("", metrics);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(running.uri("/v1/metrics"))
                .header("Content-Type", "application/protobuf")
                .POST(BodyPublishers.ofByteArray(OtlpBodies.gaugeAndSummaryProtobuf())).build(),
                BodyHandlers.ofByteArray());
        assertEquals(202, response.statusCode());
        ExportMetricsServiceResponse answer = ExportMetricsServiceResponse.parseFrom(response.body());
        assertEquals(1, answer.getPartialSuccess().getRejectedDataPoints());
        assertFalse(answer.getPartialSuccess().getErrorMessage().isEmpty());
        assertEquals(1, metrics.rows());
    }

    @Test
    void everyAcceptedContentEncodingDecompresses() throws Exception {
        start("", logs);
        byte[] plain = OtlpBodies.logsJsonBytes(2);
        assertEquals(202, post("/v1/logs", JSON, plain, "Content-Encoding", "identity").statusCode());
        assertEquals(202, post("/v1/logs", JSON, OtlpBodies.gzip(plain), "Content-Encoding", "gzip").statusCode());
        assertEquals(202, post("/v1/logs", JSON, OtlpBodies.deflate(plain, false), "Content-Encoding", "deflate").statusCode());
        assertEquals(202, post("/v1/logs", JSON, OtlpBodies.deflate(plain, true), "Content-Encoding", "deflate").statusCode());
        assertEquals(202, post("/v1/logs", JSON, OtlpBodies.zstd(plain), "Content-Encoding", "ZSTD").statusCode());
        assertEquals(10, logs.rows());
    }

    @Test
    void unsupportedContentTypeOrEncodingIs415() throws Exception {
        start("", logs);
        assertError(post("/v1/logs", "text/plain", OtlpBodies.logsJsonBytes(1)), 415, "unsupported_encoding",
                "unsupported Content-Type 'text/plain'");
        assertError(post("/v1/logs", JSON, OtlpBodies.logsJsonBytes(1), "Content-Encoding", "br"), 415,
                "unsupported_encoding", "unsupported Content-Encoding 'br'");
        assertEquals(0, logs.admittedBytes());
    }

    @Test
    void malformedBodiesAre400WithAMessage() throws Exception {
        start("", logs);
        HttpResponse<String> json = post("/v1/logs", JSON, "this is not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, json.statusCode(), json.body());
        assertTrue(json.body().startsWith("{\"error\":\"bad_data\",\"message\":\""), json.body());
        assertFalse(json.body().contains("\"message\":\"\""), json.body());
        assertEquals(400, post("/v1/logs", PROTOBUF, new byte[] {(byte) 0xff, (byte) 0xff, 0x01}).statusCode());
        assertError(post("/v1/logs", JSON, "not gzip".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip"),
                400, "bad_data", "gzip body does not decompress");
        assertEquals(0, logs.rows());
    }

    @Test
    void bodiesOverTheLimitAre413OnTheWireWhileStreamingAndWhileInflating() throws Exception {
        start("max_body_bytes: 4096", logs);
        byte[] big = new byte[5000];
        assertError(post("/v1/logs", JSON, big), 413, "too_large", "max_body_bytes (4096 bytes)");
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(running.uri("/v1/logs"))
                .header("Content-Type", JSON)
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(), BodyHandlers.ofString());
        assertError(chunked, 413, "too_large", "max_body_bytes (4096 bytes)");

        byte[] bomb = OtlpBodies.gzip(new byte[1 << 20]);
        assertTrue(bomb.length < 2048, "the bomb is small on the wire: " + bomb.length);
        assertError(post("/v1/logs", JSON, bomb, "Content-Encoding", "gzip"), 413, "too_large",
                "decompressed body exceeds max_body_bytes (4096 bytes)");
        assertError(post("/v1/logs", JSON, OtlpBodies.zstd(new byte[1 << 20]), "Content-Encoding", "zstd"), 413,
                "too_large", "decompressed body exceeds");
        assertEquals(0, logs.rows());

        // The connection survives the refused uploads.
        assertEquals(202, post("/v1/logs", JSON, OtlpBodies.logsJsonBytes(1)).statusCode());
    }

    @Test
    void refusedAdmissionIs503WithRetryAfter() throws Exception {
        start("", logs);
        logs.refuseAdmission(Duration.ofMillis(2500));
        HttpResponse<String> response = post("/v1/logs", JSON, OtlpBodies.logsJsonBytes(1));
        assertError(response, 503, "overloaded", "refuses admission");
        assertEquals("3", response.headers().firstValue("retry-after").orElseThrow());
        logs.refuseAdmission(null);
        assertEquals(202, post("/v1/logs", JSON, OtlpBodies.logsJsonBytes(1)).statusCode());
    }

    @Test
    void aFailingPipelineIs500AndReleasesTheAdmission() throws Exception {
        Processor broken = new Processor() {
            @Override
            public TableBatches process(TableBatches batches) {
                throw new IllegalStateException("processor bug");
            }
        };
        try (CapturingConsumer failing = new CapturingConsumer(Signal.LOGS, List.of(broken))) {
            start("", failing);
            assertError(post("/v1/logs", JSON, OtlpBodies.logsJsonBytes(1)), 500, "internal", "processor bug");
            assertEquals(0, failing.openAdmissions());
            assertTrue(running.status().lastError().startsWith("500 "), running.status().lastError());
        }
    }

    @Test
    void routingAnswers404And405() throws Exception {
        start("", logs);
        assertError(post("/v1/nothing", JSON, new byte[0]), 404, "not_found", "no such path '/v1/nothing'");
        assertError(get("/v1/logs"), 405, "method_not_allowed", "GET is not allowed on /v1/logs");
        assertError(post("/healthz", JSON, new byte[0]), 405, "method_not_allowed", "use GET");
        assertError(post("/v1/traces", JSON, new byte[0]), 404, "not_found",
                "no traces pipeline receives from receiver otlp");
    }

    @Test
    void healthAndReadiness() throws Exception {
        start("", logs, metrics);
        HttpResponse<String> health = get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
        assertEquals("{\"status\":\"ready\"}", get("/readyz?verbose=1").body());
        metrics.setReady(false);
        HttpResponse<String> degraded = get("/readyz");
        assertEquals(503, degraded.statusCode());
        assertEquals("{\"status\":\"degraded\"}", degraded.body());
        assertEquals(200, get("/healthz").statusCode());
    }

    /** Accepts the test token from either header, as the auth processor does. */
    private static Processor requireToken() {
        return new Processor() {
            @Override
            public void checkRequest(RequestMetadata metadata) throws RejectedException {
                if (!("Bearer " + TOKEN).equals(metadata.header("Authorization"))
                        && !TOKEN.equals(metadata.header("x-api-key"))) {
                    throw new RejectedException(RejectedException.Reason.UNAUTHENTICATED, "invalid token");
                }
            }
        };
    }

    @Test
    void authHeadersReachTheCheckAndBadTokensAre401() throws Exception {
        try (CapturingConsumer guarded = new CapturingConsumer(Signal.LOGS, List.of(requireToken()))) {
            start("", guarded);
            byte[] body = OtlpBodies.logsJsonBytes(1);
            assertEquals(202, post("/v1/logs", JSON, body, "Authorization", "Bearer " + TOKEN).statusCode());
            assertEquals(202, post("/v1/logs", JSON, body, "X-Api-Key", TOKEN).statusCode());
            assertError(post("/v1/logs", JSON, body), 401, "unauthenticated", "invalid token");
            assertError(post("/v1/logs", JSON, body, "x-api-key", "wrong"), 401, "unauthenticated", "invalid token");
            assertEquals(2, guarded.rows());
            assertEquals(TOKEN, guarded.checkedRequests().get(1).header("x-api-key"));
            assertEquals(body.length, guarded.checkedRequests().get(0).contentLength());
        }
    }

    @Test
    void authIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (CapturingConsumer guarded = new CapturingConsumer(Signal.LOGS, List.of(requireToken()))) {
            start("", guarded);
            try (Socket socket = new Socket("127.0.0.1", running.port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                // Headers only: the declared body never comes, so an answer proves it was not awaited.
                out.write(("POST /v1/logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\nx-api-key: wrong\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String statusLine = readLine(socket.getInputStream());
                assertEquals("HTTP/1.1 401 Unauthorized", statusLine);
            }
            assertEquals(0, guarded.admittedBytes());
        }
    }

    @Test
    void expectContinueGetsContinueOnlyWhenTheHeadersPass() throws Exception {
        try (CapturingConsumer guarded = new CapturingConsumer(Signal.LOGS, List.of(requireToken()))) {
            start("", guarded);
            byte[] body = OtlpBodies.logsJsonBytes(2);
            String head = "POST /v1/logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n";
            try (Socket socket = new Socket("127.0.0.1", running.port)) {
                socket.setSoTimeout(30_000);
                InputStream in = socket.getInputStream();
                socket.getOutputStream().write((head + "x-api-key: " + TOKEN + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals("HTTP/1.1 100 Continue", readLine(in));
                assertEquals("", readLine(in));
                socket.getOutputStream().write(body);
                assertEquals("HTTP/1.1 202 Accepted", readLine(in));
            }
            try (Socket socket = new Socket("127.0.0.1", running.port)) {
                socket.setSoTimeout(30_000);
                InputStream in = socket.getInputStream();
                socket.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals("HTTP/1.1 401 Unauthorized", readLine(in));
                // The body the client withholds never comes, so the connection must end.
                in.readAllBytes();
            }
            assertEquals(2, guarded.rows());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start("", logs);
        StringBuilder requests = new StringBuilder();
        for (int records = 1; records <= 3; records++) {
            String body = OtlpBodies.logsJson(records);
            requests.append("POST /v1/logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        }
        requests.append("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", running.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int first = answers.indexOf("\"rows\":1,");
            int second = answers.indexOf("\"rows\":2,");
            int third = answers.indexOf("\"rows\":3,");
            int health = answers.indexOf("{\"status\":\"ok\"}");
            assertTrue(first > 0 && first < second && second < third && third < health, answers);
        }
        assertEquals(6, logs.rows());
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void h2cByUpgradeServesExports() throws Exception {
        start("", logs);
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> health = h2.send(HttpRequest.newBuilder(running.uri("/healthz")).build(),
                BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, health.version());
        HttpResponse<String> export = h2.send(HttpRequest.newBuilder(running.uri("/v1/logs"))
                .header("Content-Type", JSON).POST(BodyPublishers.ofByteArray(OtlpBodies.logsJsonBytes(2))).build(),
                BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, export.version());
        assertEquals(202, export.statusCode(), export.body());
        assertEquals("{\"status\":\"buffered\",\"rows\":2,\"batches\":1}", export.body());
        assertEquals(2, logs.rows());
    }

    @Test
    void h2cByPriorKnowledgeServesExportsAndErrors() throws Exception {
        try (CapturingConsumer guarded = new CapturingConsumer(Signal.LOGS, List.of(requireToken()))) {
            start("max_body_bytes: 4096", guarded);
            try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient("127.0.0.1", running.port)) {
                H2PriorKnowledgeClient.Response ok = client.send(HttpMethod.POST, "/v1/logs",
                        Map.of("content-type", JSON, "authorization", "Bearer " + TOKEN), OtlpBodies.logsJsonBytes(3));
                assertEquals(202, ok.status(), new String(ok.body(), StandardCharsets.UTF_8));
                H2PriorKnowledgeClient.Response noToken = client.send(HttpMethod.POST, "/v1/logs",
                        Map.of("content-type", JSON), OtlpBodies.logsJsonBytes(1));
                assertEquals(401, noToken.status());
                H2PriorKnowledgeClient.Response tooLarge = client.send(HttpMethod.POST, "/v1/logs",
                        Map.of("content-type", JSON, "x-api-key", TOKEN), new byte[5000]);
                assertEquals(413, tooLarge.status());
                assertEquals(200, client.send(HttpMethod.GET, "/healthz", Map.of(), new byte[0]).status());
            }
            assertEquals(3, guarded.rows());
        }
    }

    @Test
    void portZeroReportsTheBoundPortAndStopListeningFreesIt() throws Exception {
        start("", logs);
        ListenerStatus status = running.status();
        assertTrue(status.port() > 0);
        assertEquals("otlp://127.0.0.1:" + status.port(), status.listenUri());
        assertEquals("http://127.0.0.1:" + status.port(), status.listenUrl());
        assertEquals("http", status.protocol());
        assertEquals("otlp", status.id());

        running.receiver.stopListening();
        assertFalse(running.status().isListening());
        try (ServerSocket reuse = new ServerSocket()) {
            reuse.bind(new java.net.InetSocketAddress("127.0.0.1", status.port()));
            assertTrue(reuse.isBound());
        }
        running.receiver.stopListening();
        running.receiver.shutdown();
    }

    @Test
    void stopListeningWaitsForInFlightRequests() throws Exception {
        CountDownLatch inProcess = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Processor slow = new Processor() {
            @Override
            public TableBatches process(TableBatches batches) {
                inProcess.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return batches;
            }
        };
        try (CapturingConsumer held = new CapturingConsumer(Signal.LOGS, List.of(slow))) {
            start("", held);
            CompletableFuture<HttpResponse<String>> response = http.sendAsync(HttpRequest.newBuilder(running.uri("/v1/logs"))
                    .header("Content-Type", JSON).POST(BodyPublishers.ofByteArray(OtlpBodies.logsJsonBytes(2))).build(),
                    BodyHandlers.ofString());
            assertTrue(inProcess.await(30, TimeUnit.SECONDS));
            assertEquals(1, running.status().activeRequests());
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(running.receiver::stopListening);
            while (running.status().isListening()) {
                Thread.onSpinWait();
            }
            assertFalse(stopped.isDone(), "stop returned with a request in flight");
            release.countDown();
            stopped.get(30, TimeUnit.SECONDS);
            HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
            assertEquals(202, answer.statusCode(), answer.body());
            assertEquals(2, held.rows());
            assertEquals(0, running.status().activeRequests());
        }
    }
}
