package dev.eider.receiver.otlp;

import dev.eider.runtime.config.ConfigSection;
import java.util.List;
import java.util.Optional;

/**
 * {@code receivers.otlp}: a protocol is enabled when its key is present under
 * {@code protocols}, as in the OpenTelemetry Collector. Only {@code http} exists so far; gRPC
 * comes later, and until then a {@code grpc} key is reported as unknown.
 */
public record OtlpReceiverConfig(Optional<OtlpHttpConfig> http) {
    static OtlpReceiverConfig bind(ConfigSection section) {
        ConfigSection protocols = section.section("protocols");
        Optional<OtlpHttpConfig> http = protocols.has("http")
                ? Optional.of(OtlpHttpConfig.bind(protocols.section("http")))
                : Optional.empty();
        if (http.isEmpty()) {
            section.error("protocols", "must enable at least one protocol (http)");
        }
        return new OtlpReceiverConfig(http);
    }

    /** The {@code host:port} of every enabled protocol. */
    public List<String> endpoints() {
        return http.map(h -> List.of(h.endpoint().toString())).orElse(List.of());
    }
}
