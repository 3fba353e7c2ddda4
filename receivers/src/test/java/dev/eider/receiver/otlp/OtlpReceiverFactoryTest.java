package dev.eider.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.ConfigBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpReceiverFactoryTest {
    private final OtlpReceiverFactory factory = new OtlpReceiverFactory();

    @Test
    void presentProtocolKeysEnableThemWithDefaults() {
        OtlpReceiverConfig config = ConfigBinding.bind(factory, "protocols: {http: , grpc: }");
        OtlpHttpConfig http = config.http().orElseThrow();
        assertEquals(new Endpoint("localhost", 4318), http.endpoint());
        assertEquals(16L << 20, http.maxBodyBytes());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), http.httpThreads());
        assertEquals(new OtlpGrpcConfig(new Endpoint("localhost", 4317), 16 << 20, false, Optional.empty()), config.grpc().orElseThrow());
        assertEquals(List.of("localhost:4318", "localhost:4317"), factory.endpoints(config));
        assertEquals(Map.of("localhost:4317", "grpc"), factory.sharedEndpoints(config), "only grpc may share its port");
        assertEquals("otlp", factory.type());
    }

    @Test
    void onlyThePresentProtocolIsEnabled() {
        OtlpReceiverConfig config = ConfigBinding.bind(factory, "protocols: {grpc: {endpoint: 127.0.0.1:0}}");
        assertEquals(Optional.empty(), config.http());
        assertEquals(List.of("127.0.0.1:0"), factory.endpoints(config));
    }

    @Test
    void bindsEveryKey() {
        OtlpReceiverConfig config = ConfigBinding.bind(factory, """
                protocols:
                  http: {endpoint: "0.0.0.0:9000", allow_other_hostname: true, max_body_bytes: 1MiB, http_threads: 3}
                  grpc: {endpoint: "0.0.0.0:9001", allow_other_hostname: true, max_body_bytes: 2MiB}
                """);
        assertEquals(new OtlpHttpConfig(new Endpoint("0.0.0.0", 9000), 1 << 20, 3, true, Optional.empty()), config.http().orElseThrow());
        assertEquals(new OtlpGrpcConfig(new Endpoint("0.0.0.0", 9001), 2 << 20, true, Optional.empty()), config.grpc().orElseThrow());
    }

    @Test
    void nonLoopbackHostWithoutAllowOtherHostnameIsAConfigError() {
        assertEquals(List.of(
                "receivers::otlp::protocols::http::endpoint: host '0.0.0.0' is not loopback;"
                        + " set allow_other_hostname: true to listen on it",
                "receivers::otlp::protocols::grpc::endpoint: host '10.0.0.1' is not loopback;"
                        + " set allow_other_hostname: true to listen on it"),
                ConfigBinding.errors(factory, "protocols: {http: {endpoint: '0.0.0.0:4318'}, grpc: {endpoint: '10.0.0.1:4317'}}"));
    }

    @Test
    void noProtocolIsAConfigError() {
        assertEquals(List.of("receivers::otlp::protocols: must enable at least one protocol (http, grpc)"),
                ConfigBinding.errors(factory, "protocols: {}"));
    }

    @Test
    void unknownKeysAreReported() {
        List<String> errors = ConfigBinding.errors(factory, "protocols: {http: {colour: blue}, thrift: {}}");
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("colour")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("thrift")), errors.toString());
    }

    @Test
    void badLimitsAndThreadCountAreConfigErrors() {
        List<String> errors = ConfigBinding.errors(factory,
                "protocols: {http: {max_body_bytes: 0, http_threads: 0}, grpc: {max_body_bytes: 4GiB}}");
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("receivers::otlp::protocols::http::max_body_bytes: must be > 0"), errors.get(0));
        assertTrue(errors.get(1).startsWith("receivers::otlp::protocols::http::http_threads:"), errors.get(1));
        assertTrue(errors.get(2).startsWith("receivers::otlp::protocols::grpc::max_body_bytes: must be > 0"), errors.get(2));
    }
}
