package dev.eider.runtime.admin;

import static dev.eider.runtime.admin.AdminFixtures.FAILED_SEAL;
import static dev.eider.runtime.admin.AdminFixtures.GOOD_SEAL;
import static dev.eider.runtime.admin.AdminFixtures.GRPC_LISTENER;
import static dev.eider.runtime.admin.AdminFixtures.GRPC_LISTENER_JSON;
import static dev.eider.runtime.admin.AdminFixtures.HTTP_LISTENER;
import static dev.eider.runtime.admin.AdminFixtures.HTTP_LISTENER_JSON;
import static dev.eider.runtime.admin.AdminFixtures.LOGS;
import static dev.eider.runtime.admin.AdminFixtures.LOGS_JSON;
import static dev.eider.runtime.admin.AdminFixtures.SEALS_JSON;
import static dev.eider.runtime.admin.AdminFixtures.TOKEN;
import static dev.eider.runtime.admin.AdminFixtures.TRACES;
import static dev.eider.runtime.admin.AdminFixtures.TRACES_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.testkit.StubHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminExtensionTest {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final StubHost host = new StubHost()
            .receivers(List.of(HTTP_LISTENER, GRPC_LISTENER))
            .pipelines(List.of(LOGS, TRACES))
            .seals(List.of(GOOD_SEAL, FAILED_SEAL));
    private AdminExtension admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminExtension(ComponentId.of("admin"),
                new AdminConfig(new Endpoint("127.0.0.1", 0), TOKEN));
        admin.start(host);
    }

    @AfterEach
    void stop() {
        admin.shutdown();
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> authorized(String method, String path) throws Exception {
        return send(method, path, "Bearer " + TOKEN);
    }

    private static void assertJson(int status, String body, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body, response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void healthzAnswersOkWithoutAToken() throws Exception {
        assertJson(200, "{\"status\":\"ok\"}", send("GET", "/healthz", null));
    }

    @Test
    void readyzFollowsTheHost() throws Exception {
        assertJson(200, "{\"status\":\"ready\"}", send("GET", "/readyz", null));
        host.ready(false);
        assertJson(503, "{\"status\":\"degraded\"}", send("GET", "/readyz", null));
    }

    @Test
    void statusReportsReceiversAndPipelinesWithSpecFieldNames() throws Exception {
        assertJson(200, "{\"receivers\":[" + HTTP_LISTENER_JSON + "," + GRPC_LISTENER_JSON + "],"
                + "\"pipelines\":[" + LOGS_JSON + "," + TRACES_JSON + "]}", authorized("GET", "/v1/status"));
    }

    @Test
    void statusOfAnEmptyCollector() throws Exception {
        host.receivers(List.of()).pipelines(List.of());
        assertJson(200, "{\"receivers\":[],\"pipelines\":[]}", authorized("GET", "/v1/status"));
    }

    @Test
    void sealsReportsTheHistory() throws Exception {
        assertJson(200, SEALS_JSON, authorized("GET", "/v1/seals"));
        host.seals(List.of());
        assertJson(200, "[]", authorized("GET", "/v1/seals"));
    }

    @Test
    void flushWithoutAPipelineFlushesAll() throws Exception {
        host.flushAnswer(p -> new FlushResult("sealed", 120, 8, null));
        assertJson(200, "{\"status\":\"sealed\",\"sealed_rows\":120,\"seals_total\":8,\"error\":null}",
                authorized("POST", "/v1/flush"));
        assertEquals(List.of(Optional.empty()), host.flushRequests());
    }

    @Test
    void flushOfOnePipeline() throws Exception {
        host.flushAnswer(p -> new FlushResult("sealed", p.orElseThrow().length(), 1, null));
        assertJson(200, "{\"status\":\"sealed\",\"sealed_rows\":8,\"seals_total\":1,\"error\":null}",
                authorized("POST", "/v1/flush?pipeline=traces%2Fx"));
        assertEquals(List.of(Optional.of("traces/x")), host.flushRequests());
    }

    @Test
    void flushOfAnUnknownPipelineIsNotFound() throws Exception {
        assertJson(404, "{\"error\":\"not_found\",\"message\":\"no pipeline 'metrics' (pipelines: logs, traces/x)\"}",
                authorized("POST", "/v1/flush?pipeline=metrics"));
        assertEquals(List.of(), host.flushRequests());
    }

    @Test
    void flushWithABadQueryIsABadRequest() throws Exception {
        assertJson(400, "{\"error\":\"bad_request\",\"message\":\"unknown query parameter 'pipe' (known: pipeline)\"}",
                authorized("POST", "/v1/flush?pipe=logs"));
        assertJson(400, "{\"error\":\"bad_request\",\"message\":\"query parameter 'pipeline' must not be empty\"}",
                authorized("POST", "/v1/flush?pipeline="));
        assertEquals(List.of(), host.flushRequests());
    }

    @Test
    void aFailedFlushAnswers500WithTheError() throws Exception {
        host.flushAnswer(p -> new FlushResult("failed", 0, 7, "duckdb: \"locked\""));
        assertJson(500, "{\"status\":\"failed\",\"sealed_rows\":0,\"seals_total\":7,\"error\":\"duckdb: \\\"locked\\\"\"}",
                authorized("POST", "/v1/flush?pipeline=logs"));
    }

    @Test
    void receiverStopReportsTheStoppedListeners() throws Exception {
        host.receiverListeners("otlp/internal", List.of("otlp:grpc://localhost:4317"));
        assertJson(200, "{\"status\":\"Stopped listening on otlp:grpc://localhost:4317\"}",
                authorized("POST", "/v1/receivers/otlp/internal/stop"));
        assertJson(404, "{\"status\":\"No server found listening on otlp/internal\"}",
                authorized("POST", "/v1/receivers/otlp%2Finternal/stop"));
        assertEquals(List.of("otlp/internal", "otlp/internal"), host.stopRequests());
    }

    @Test
    void receiverStopOfSeveralListenersNamesThemAll() throws Exception {
        host.receiverListeners("otlp", List.of("otlp:http://localhost:4318", "otlp:grpc://localhost:4317"));
        assertJson(200, "{\"status\":\"Stopped listening on otlp:http://localhost:4318, otlp:grpc://localhost:4317\"}",
                authorized("POST", "/v1/receivers/otlp/stop"));
    }

    @Test
    void shutdownAnswersBeforeAskingTheHostToStop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        host.onShutdownRequest(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            // The host's requestShutdown is held; the answer must arrive anyway.
            assertJson(200, "{\"status\":\"shutting down\"}", authorized("POST", "/v1/shutdown"));
            assertTrue(host.awaitShutdownRequest(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
        assertEquals(1, host.shutdownRequests());
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /healthz, false",
        "GET, /readyz, false",
        "GET, /metrics, false",
        "GET, /v1/status, true",
        "GET, /v1/seals, true",
        "POST, /v1/flush, true",
        "POST, /v1/receivers/otlp/stop, true",
        "POST, /v1/shutdown, true",
    })
    void onlyTheProbesAndMetricsAnswerWithoutAToken(String method, String path, boolean needsToken) throws Exception {
        host.receiverListeners("otlp", List.of("otlp:http://localhost:4318"));
        for (String authorization : new String[] {null, "Bearer wrong-token-0123456789", "Basic " + TOKEN}) {
            HttpResponse<String> response = send(method, path, authorization);
            if (needsToken) {
                assertEquals(401, response.statusCode(), path + " with " + authorization);
                assertTrue(response.body().startsWith("{\"error\":\"unauthenticated\",\"message\":\""), response.body());
                assertEquals("Bearer realm=\"eider-admin\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
            } else {
                assertEquals(200, response.statusCode(), path + " with " + authorization);
            }
        }
        assertEquals(200, send(method, path, "bearer " + TOKEN).statusCode(), path);
    }

    @Test
    void unauthenticatedRequestsDoNothing() throws Exception {
        assertEquals(401, send("POST", "/v1/flush", null).statusCode());
        assertEquals(401, send("POST", "/v1/receivers/otlp/stop", "Bearer nope").statusCode());
        assertEquals(401, send("POST", "/v1/shutdown", "Bearer " + TOKEN + "x").statusCode());
        assertEquals(List.of(), host.flushRequests());
        assertEquals(List.of(), host.stopRequests());
        assertEquals(0, host.shutdownRequests());
    }

    @Test
    void unauthenticatedAnswerSaysWhy() throws Exception {
        assertJson(401, "{\"error\":\"unauthenticated\",\"message\":\"missing Authorization: Bearer <admin token> header\"}",
                send("GET", "/v1/status", null));
        assertJson(401, "{\"error\":\"unauthenticated\",\"message\":\"invalid admin token\"}",
                send("GET", "/v1/status", "Bearer x"));
        assertJson(401, "{\"error\":\"unauthenticated\",\"message\":\"Authorization header must use the Bearer scheme\"}",
                send("GET", "/v1/status", "Token " + TOKEN));
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        assertJson(404, "{\"error\":\"not_found\",\"message\":\"no admin route /v1/nope\"}", authorized("GET", "/v1/nope"));
        assertJson(404, "{\"error\":\"not_found\",\"message\":\"no admin route /\"}", send("GET", "/", null));
        assertJson(404, "{\"error\":\"not_found\",\"message\":\"no admin route /v1/receivers/stop\"}",
                authorized("POST", "/v1/receivers/stop"));
        assertJson(404, "{\"error\":\"not_found\",\"message\":\"no admin route /healthz/x\"}", send("GET", "/healthz/x", null));
    }

    @Test
    void wrongMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = authorized("GET", "/v1/flush");
        assertJson(405, "{\"error\":\"method_not_allowed\",\"message\":\"/v1/flush accepts POST, not GET\"}", response);
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
        assertEquals(405, send("POST", "/healthz", null).statusCode());
        assertEquals(405, authorized("DELETE", "/v1/status").statusCode());
        assertEquals(405, authorized("GET", "/v1/shutdown").statusCode());
        assertEquals(405, authorized("GET", "/v1/receivers/otlp/stop").statusCode());
        assertEquals(0, host.shutdownRequests());
        assertEquals(List.of(), host.stopRequests());
    }

    @Test
    void aFailingHostAnswers500AsJson() throws Exception {
        host.flushAnswer(p -> {
            throw new IllegalStateException("writer thread died");
        });
        assertJson(500, "{\"error\":\"internal\",\"message\":\"writer thread died\"}", authorized("POST", "/v1/flush"));
        // The server keeps serving.
        assertEquals(200, send("GET", "/healthz", null).statusCode());
    }

    @Test
    void requestBodiesAreIgnored() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/v1/flush"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\":\"ignored\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(List.of(Optional.empty()), host.flushRequests());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        host.flushAnswer(p -> new FlushResult("sealed", 3, 1, null));
        String flush = "POST /v1/flush HTTP/1.1\r\nHost: admin\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Length: 5\r\n\r\nextra";
        String health = "GET /healthz HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", admin.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((flush + health).getBytes(StandardCharsets.UTF_8));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int flushed = answers.indexOf("{\"status\":\"sealed\",\"sealed_rows\":3");
            int healthy = answers.indexOf("{\"status\":\"ok\"}");
            assertTrue(flushed > 0 && healthy > flushed, answers);
            assertTrue(answers.startsWith("HTTP/1.1 200 OK\r\n"), answers);
        }
        assertEquals(List.of(Optional.empty()), host.flushRequests());
    }

    @Test
    void configuredTokenIsNotPrinted() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AdminExtension other = new AdminExtension(ComponentId.parse("admin/2"),
                new AdminConfig(new Endpoint("127.0.0.1", 0), TOKEN), new PrintStream(console, true, StandardCharsets.UTF_8));
        other.start(host);
        try {
            assertEquals("", console.toString(StandardCharsets.UTF_8));
            assertEquals(TOKEN, other.token());
        } finally {
            other.shutdown();
        }
    }

    @Test
    void generatedTokenIsPrintedAndRequired() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AdminExtension generated = new AdminExtension(ComponentId.parse("admin/gen"),
                new AdminConfig(new Endpoint("localhost", 0), null), new PrintStream(console, true, StandardCharsets.UTF_8));
        generated.start(host);
        try {
            String token = generated.token();
            assertTrue(token.matches("[0-9a-f]{32}"), token);
            assertEquals("admin token: " + token + System.lineSeparator(), console.toString(StandardCharsets.UTF_8));
            assertEquals(URI.create("http://localhost:" + generated.port()), generated.uri());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(generated.uri() + "/v1/seals"));
            assertEquals(401, http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            request.header("Authorization", "Bearer " + token);
            assertEquals(200, http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            generated.shutdown();
        }
        AdminExtension again = new AdminExtension(ComponentId.parse("admin/gen"),
                new AdminConfig(new Endpoint("localhost", 0), null), new PrintStream(new ByteArrayOutputStream()));
        again.start(host);
        try {
            assertNotEquals(generated.token(), again.token());
        } finally {
            again.shutdown();
        }
    }

    @Test
    void shutdownIsIdempotentAndFreesThePort() throws Exception {
        int port = admin.port();
        admin.shutdown();
        admin.shutdown();
        assertThrows(ConnectException.class, () -> send("GET", "/healthz", null));
        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, reuse.getLocalPort());
        }
        assertThrows(IllegalStateException.class, () -> admin.start(host));
    }

    @Test
    void aTakenPortIsAClearError() {
        AdminExtension clash = new AdminExtension(ComponentId.parse("admin/clash"),
                new AdminConfig(new Endpoint("127.0.0.1", admin.port()), TOKEN));
        IOException e = assertThrows(IOException.class, () -> clash.start(host));
        assertTrue(e.getMessage().startsWith("admin/clash: cannot listen on 127.0.0.1:" + admin.port() + ": "),
                e.getMessage());
        clash.shutdown();
        // The first server is untouched by the failed bind.
        assertEquals(200, assertDoesNotThrow(() -> send("GET", "/healthz", null)).statusCode());
    }

    @Test
    void anUnknownHostIsAClearError() {
        AdminExtension nowhere = new AdminExtension(ComponentId.parse("admin/nowhere"),
                new AdminConfig(new Endpoint("no-such-host.invalid", 0), TOKEN));
        IOException e = assertThrows(IOException.class, () -> nowhere.start(host));
        // The JDK's own reason ("Unresolved address") follows the prefix.
        assertTrue(e.getMessage().startsWith("admin/nowhere: cannot listen on no-such-host.invalid:0: "), e.getMessage());
    }
}
