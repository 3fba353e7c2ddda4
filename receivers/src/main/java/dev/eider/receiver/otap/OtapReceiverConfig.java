package dev.eider.receiver.otap;

import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import java.util.Optional;

/**
 * The {@code otap} receiver's settings.
 *
 * @param endpoint           where the gRPC listener binds (loopback unless allowOtherHostname)
 * @param maxBodyBytes       the largest BatchArrowRecords message, on the wire and decompressed
 * @param allowOtherHostname whether a non-loopback host may be bound
 * @param tls                TLS for the listener; plaintext when empty
 */
public record OtapReceiverConfig(Endpoint endpoint, int maxBodyBytes, boolean allowOtherHostname, Optional<TlsConfig> tls) {
    public static final String ENDPOINT = "endpoint";
    public static final String MAX_BODY_BYTES = "max_body_bytes";
    public static final String ALLOW_OTHER_HOSTNAME = "allow_other_hostname";

    public static final String DEFAULT_ENDPOINT = "localhost:4317";
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
}
