package dev.eider.runtime.admin;

import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code admin} extension's settings.
 *
 * @param endpoint where the admin API listens (port 0 picks a free port)
 * @param token the bearer token the API requires; null when not configured, in which case the
 *     extension generates one when it binds and prints it on stderr
 * @param queryMaxRows the most rows {@code POST /v1/query} answers; the rest is cut off and the
 *     answer says it was truncated
 * @param queryTimeout how long one query may run before it is cancelled
 * @param tls the listener's TLS (and client-certificate) settings; empty serves plain HTTP
 * @param flightSql the Arrow Flight SQL endpoint, which answers queries under the same limits;
 *     empty when it is off (the default)
 */
public record AdminConfig(Endpoint endpoint, String token, int queryMaxRows, Duration queryTimeout,
        Optional<TlsConfig> tls, Optional<FlightSqlConfig> flightSql) {
    public static final String DEFAULT_ENDPOINT = "localhost:13133";
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final int DEFAULT_QUERY_MAX_ROWS = 10_000;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    public AdminConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(flightSql, "flightSql");
        if (queryMaxRows < 1) {
            throw new IllegalArgumentException("queryMaxRows must be at least 1, got " + queryMaxRows);
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("queryTimeout must be positive, got " + queryTimeout);
        }
    }

    /** The default query limits, plain HTTP, no Flight SQL. */
    public AdminConfig(Endpoint endpoint, String token) {
        this(endpoint, token, DEFAULT_QUERY_MAX_ROWS, DEFAULT_QUERY_TIMEOUT, Optional.empty(), Optional.empty());
    }

    /**
     * Reads a bearer token key: null when absent; a token shorter than {@link #MIN_TOKEN_LENGTH}
     * is reported, {@code whenAbsent} telling what omitting it does.
     */
    static String readToken(ConfigSection section, String key, String whenAbsent) {
        String token = section.string(key, null);
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            section.error(key, "must be at least " + MIN_TOKEN_LENGTH + " characters (" + whenAbsent + ")");
            return null;
        }
        return token;
    }

    @Override
    public String toString() {
        return "AdminConfig[endpoint=" + endpoint + ", token=" + (token == null ? "generated" : "***")
                + ", queryMaxRows=" + queryMaxRows + ", queryTimeout=" + queryTimeout
                + ", tls=" + tls.map(TlsConfig::describe).orElse("off")
                + ", flightSql=" + flightSql.map(FlightSqlConfig::toString).orElse("off") + "]";
    }
}
