package dev.eider.receiver.otlp;

import dev.eider.runtime.config.ConfigSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code receivers.otlp}: a protocol is enabled when its key is present under
 * {@code protocols}, as in the OpenTelemetry Collector.
 */
public record OtlpReceiverConfig(Optional<OtlpHttpConfig> http, Optional<OtlpGrpcConfig> grpc) {
    static OtlpReceiverConfig bind(ConfigSection section) {
        ConfigSection protocols = section.section("protocols");
        Optional<OtlpHttpConfig> http = protocols.has("http")
                ? Optional.of(OtlpHttpConfig.bind(protocols.section("http")))
                : Optional.empty();
        Optional<OtlpGrpcConfig> grpc = protocols.has("grpc")
                ? Optional.of(OtlpGrpcConfig.bind(protocols.section("grpc")))
                : Optional.empty();
        if (http.isEmpty() && grpc.isEmpty()) {
            section.error("protocols", "must enable at least one protocol (http, grpc)");
        }
        return new OtlpReceiverConfig(http, grpc);
    }

    /** The {@code host:port} of every enabled protocol. */
    public List<String> endpoints() {
        List<String> out = new ArrayList<>();
        http.ifPresent(h -> out.add(h.endpoint().toString()));
        grpc.ifPresent(g -> out.add(g.endpoint().toString()));
        return out;
    }
}
