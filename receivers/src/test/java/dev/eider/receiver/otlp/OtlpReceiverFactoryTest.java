package dev.eider.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.MapConfigSection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpReceiverFactoryTest {
    private final OtlpReceiverFactory factory = new OtlpReceiverFactory();

    private static MapConfigSection section(Map<String, ?> protocols) {
        return new MapConfigSection("receivers::otlp", Map.of("protocols", protocols));
    }

    /** {@code http:} with no value, as YAML parses it. */
    private static Map<String, Object> emptyHttp() {
        Map<String, Object> protocols = new HashMap<>();
        protocols.put("http", null);
        return protocols;
    }

    @Test
    void presentHttpKeyEnablesTheProtocolWithDefaults() {
        MapConfigSection section = section(emptyHttp());
        OtlpReceiverConfig config = factory.bind(section);
        assertEquals(List.of(), section.errors());
        OtlpHttpConfig http = config.http().orElseThrow();
        assertEquals(new Endpoint("localhost", 4318), http.endpoint());
        assertEquals(16L << 20, http.maxBodyBytes());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), http.httpThreads());
        assertEquals(List.of("localhost:4318"), factory.endpoints(config));
        assertEquals("otlp", factory.type());
    }

    @Test
    void bindsEveryHttpKey() {
        MapConfigSection section = section(Map.of("http", Map.of("endpoint", "0.0.0.0:9000",
                "allow_other_hostname", true, "max_body_bytes", "1MiB", "http_threads", 3)));
        OtlpHttpConfig http = factory.bind(section).http().orElseThrow();
        assertEquals(List.of(), section.errors());
        assertEquals(new OtlpHttpConfig(new Endpoint("0.0.0.0", 9000), 1 << 20, 3, true), http);
    }

    @Test
    void nonLoopbackHostWithoutAllowOtherHostnameIsAConfigError() {
        MapConfigSection section = section(Map.of("http", Map.of("endpoint", "0.0.0.0:4318")));
        factory.bind(section);
        assertEquals(List.of("receivers::otlp::protocols::http::endpoint: host '0.0.0.0' is not loopback;"
                + " set allow_other_hostname: true to listen on it"), section.errors());
    }

    @Test
    void noProtocolIsAConfigError() {
        MapConfigSection section = section(Map.of());
        factory.bind(section);
        assertEquals(List.of("receivers::otlp::protocols: must enable at least one protocol (http)"),
                section.errors());
    }

    @Test
    void grpcIsNotSupportedYetAndReportedAsUnknown() {
        Map<String, Object> protocols = emptyHttp();
        protocols.put("grpc", Map.of("endpoint", "localhost:4317"));
        MapConfigSection section = section(protocols);
        factory.bind(section);
        assertEquals(List.of("receivers::otlp::protocols::grpc: unknown key"), section.errors());
    }

    @Test
    void badBodyLimitAndThreadCountAreConfigErrors() {
        MapConfigSection section = section(Map.of("http", Map.of("max_body_bytes", 0, "http_threads", 0)));
        factory.bind(section);
        List<String> errors = section.errors();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("receivers::otlp::protocols::http::max_body_bytes: must be > 0"), errors.get(0));
        assertTrue(errors.get(1).startsWith("receivers::otlp::protocols::http::http_threads:"), errors.get(1));
    }
}
