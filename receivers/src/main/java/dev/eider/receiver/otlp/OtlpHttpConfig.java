package dev.eider.receiver.otlp;

import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import java.util.Optional;

/**
 * {@code receivers.otlp.protocols.http}: where to listen, the body limit (wire and decompressed),
 * the size of the worker pool that decodes and consumes requests off the I/O threads, and TLS
 * (plaintext when {@code tls} is absent).
 */
public record OtlpHttpConfig(Endpoint endpoint, long maxBodyBytes, int httpThreads, boolean allowOtherHostname,
        Optional<TlsConfig> tls) {
    public static final String DEFAULT_ENDPOINT = "localhost:4318";
    public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
    /** A body is held in one array, so the limit cannot exceed what an array can hold. */
    static final long MAX_BODY_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    static OtlpHttpConfig bind(ConfigSection section) {
        boolean allowOther = section.bool("allow_other_hostname", false);
        Endpoint endpoint = Endpoint.read(section, "endpoint", DEFAULT_ENDPOINT, allowOther);
        long maxBody = section.size("max_body_bytes", DEFAULT_MAX_BODY_BYTES);
        if (maxBody <= 0 || maxBody > MAX_BODY_BYTES_LIMIT) {
            section.error("max_body_bytes", "must be > 0 and at most " + MAX_BODY_BYTES_LIMIT + " bytes");
            maxBody = DEFAULT_MAX_BODY_BYTES;
        }
        int threads = section.integer("http_threads", Math.max(1, Runtime.getRuntime().availableProcessors()),
                1, 1024);
        return new OtlpHttpConfig(endpoint, maxBody, threads, allowOther, TlsConfig.read(section));
    }
}
