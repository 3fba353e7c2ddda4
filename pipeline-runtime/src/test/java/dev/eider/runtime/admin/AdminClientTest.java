package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.testkit.StubHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminClientTest {
    private final StubHost host = new StubHost()
            .receivers(List.of(AdminFixtures.HTTP_LISTENER))
            .pipelines(List.of(AdminFixtures.LOGS, AdminFixtures.TRACES))
            .seals(List.of(AdminFixtures.GOOD_SEAL));
    private AdminExtension admin;
    private AdminClient client;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminExtension(ComponentId.of("admin"),
                new AdminConfig(new Endpoint("localhost", 0), AdminFixtures.TOKEN));
        admin.start(host);
        client = new AdminClient(URI.create(admin.uri() + "/"), AdminFixtures.TOKEN);
    }

    @AfterEach
    void stop() {
        admin.shutdown();
    }

    @Test
    void readsStatusAndSeals() throws Exception {
        AdminResponse status = client.status();
        assertEquals(200, status.status());
        assertTrue(status.isSuccess());
        assertEquals("{\"receivers\":[" + AdminFixtures.HTTP_LISTENER_JSON + "],\"pipelines\":["
                + AdminFixtures.LOGS_JSON + "," + AdminFixtures.TRACES_JSON + "]}", status.body());
        assertEquals(new AdminResponse(200, "[" + AdminFixtures.SEALS_JSON.substring(1,
                AdminFixtures.SEALS_JSON.indexOf("},{") + 1) + "]"), client.seals());
    }

    @Test
    void flushesAllOrOnePipeline() throws Exception {
        host.flushAnswer(p -> new FlushResult("sealed", p.isPresent() ? 5 : 50, 3, null));
        assertEquals(new AdminResponse(200, "{\"status\":\"sealed\",\"sealed_rows\":50,\"seals_total\":3,\"error\":null}"),
                client.flush(Optional.empty()));
        assertEquals(new AdminResponse(200, "{\"status\":\"sealed\",\"sealed_rows\":5,\"seals_total\":3,\"error\":null}"),
                client.flush(Optional.of("traces/x")));
        assertEquals(404, client.flush(Optional.of("logs&pipeline=x")).status());
        assertEquals(List.of(Optional.empty(), Optional.of("traces/x")), host.flushRequests());
    }

    @Test
    void stopsReceiversIncludingIdsWithASlash() throws Exception {
        host.receiverListeners("otlp/internal", List.of("otlp:grpc://localhost:4317"));
        assertEquals(new AdminResponse(200, "{\"status\":\"Stopped listening on otlp:grpc://localhost:4317\"}"),
                client.stopReceiver("otlp/internal"));
        assertEquals(new AdminResponse(404, "{\"status\":\"No server found listening on otlp/internal\"}"),
                client.stopReceiver("otlp/internal"));
    }

    @Test
    void shutsTheCollectorDown() throws Exception {
        assertEquals(new AdminResponse(200, "{\"status\":\"shutting down\"}"), client.shutdown());
        assertTrue(host.awaitShutdownRequest(10, TimeUnit.SECONDS));
    }

    @Test
    void aMissingOrWrongTokenComesBackAs401() throws Exception {
        AdminResponse none = new AdminClient(admin.uri(), null).status();
        assertEquals(401, none.status());
        assertFalse(none.isSuccess());
        assertEquals(401, new AdminClient(admin.uri(), "wrong-token-0123456789").shutdown().status());
        assertEquals(0, host.shutdownRequests());
    }

    @Test
    void noCollectorIsAClearError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        IOException e = assertThrows(IOException.class, () -> new AdminClient(base, AdminFixtures.TOKEN).status());
        assertEquals("no collector admin API at http://127.0.0.1:" + port + ": connection refused", e.getMessage());
    }

    @Test
    void anUnknownHostIsAClearError() {
        IOException e = assertThrows(IOException.class,
                () -> new AdminClient(URI.create("http://no-such-host.invalid:13133"), null).status());
        assertEquals("no collector admin API at http://no-such-host.invalid:13133: unknown host", e.getMessage());
    }

    @Test
    void aStoppedCollectorIsAClearError() {
        admin.shutdown();
        IOException e = assertThrows(IOException.class, () -> client.flush(Optional.empty()));
        assertEquals("no collector admin API at " + admin.uri() + ": connection refused", e.getMessage());
    }

    @Test
    void refusesANonHttpAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdminClient(URI.create("localhost:13133"), null));
        assertEquals("admin address 'localhost:13133' must be http://host:port or https://host:port", e.getMessage());
    }
}
