package dev.eider.runtime.admin;

import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin extension's Arrow Flight SQL endpoint ({@code flight_sql}; off unless the key is
 * present).
 *
 * @param endpoint where the Flight SQL (gRPC) server listens (port 0 picks a free port)
 * @param token the bearer token every call must carry; null: the admin token
 * @param tls the server's TLS (and client-certificate) settings: its own {@code tls} block, else
 *     the admin API's; empty serves plaintext gRPC
 */
public record FlightSqlConfig(Endpoint endpoint, String token, Optional<TlsConfig> tls) {
    public static final String KEY = "flight_sql";
    public static final String DEFAULT_ENDPOINT = "localhost:32010";

    public FlightSqlConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tls, "tls");
    }

    /** The {@code flight_sql} block of the admin section, whose API listens on {@code adminEndpoint} with {@code adminTls}. */
    static Optional<FlightSqlConfig> read(ConfigSection admin, Endpoint adminEndpoint, Optional<TlsConfig> adminTls) {
        if (!admin.has(KEY)) {
            return Optional.empty();
        }
        ConfigSection section = admin.section(KEY);
        boolean allowOtherHostname = section.bool("allow_other_hostname", false);
        Endpoint endpoint = Endpoint.read(section, "endpoint", DEFAULT_ENDPOINT, allowOtherHostname);
        if (endpoint.port() != 0 && endpoint.canonical().equals(adminEndpoint.canonical())) {
            section.error("endpoint", "is the admin API's endpoint; Flight SQL needs a port of its own");
        }
        String token = AdminConfig.readToken(section, "token", "omit it to use the admin token");
        Optional<TlsConfig> own = TlsConfig.read(section);
        return Optional.of(new FlightSqlConfig(endpoint, token, own.isPresent() ? own : adminTls));
    }

    @Override
    public String toString() {
        return "FlightSqlConfig[endpoint=" + endpoint + ", token=" + (token == null ? "admin token" : "***")
                + ", tls=" + tls.map(TlsConfig::describe).orElse("off") + "]";
    }
}
