package dev.eider.receiver.otlp;

import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import java.util.Optional;

/**
 * {@code receivers.otlp.protocols.grpc}: where to listen, the largest message accepted, and TLS
 * (plaintext when {@code tls} is absent).
 */
public record OtlpGrpcConfig(Endpoint endpoint, int maxBodyBytes, boolean allowOtherHostname, Optional<TlsConfig> tls) {
    public static final String DEFAULT_ENDPOINT = "localhost:4317";
    public static final int DEFAULT_MAX_BODY_BYTES = 16 << 20;

    static OtlpGrpcConfig bind(ConfigSection section) {
        boolean allowOther = section.bool("allow_other_hostname", false);
        Endpoint endpoint = Endpoint.read(section, "endpoint", DEFAULT_ENDPOINT, allowOther);
        long maxBody = section.size("max_body_bytes", DEFAULT_MAX_BODY_BYTES);
        // gRPC's inbound message limit is an int
        if (maxBody <= 0 || maxBody > Integer.MAX_VALUE) {
            section.error("max_body_bytes", "must be > 0 and at most " + Integer.MAX_VALUE + " bytes");
            maxBody = DEFAULT_MAX_BODY_BYTES;
        }
        return new OtlpGrpcConfig(endpoint, (int) maxBody, allowOther, TlsConfig.read(section));
    }
}
