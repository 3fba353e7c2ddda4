package dev.eider.runtime.admin;

import dev.eider.runtime.config.Endpoint;
import java.util.Objects;

/**
 * The {@code admin} extension's settings.
 *
 * @param endpoint where the admin API listens (port 0 picks a free port)
 * @param token the bearer token the API requires; null when not configured, in which case the
 *     extension generates one when it binds and prints it on stderr
 */
public record AdminConfig(Endpoint endpoint, String token) {
    public static final String DEFAULT_ENDPOINT = "localhost:13133";
    public static final int MIN_TOKEN_LENGTH = 16;

    public AdminConfig {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public String toString() {
        return "AdminConfig[endpoint=" + endpoint + ", token=" + (token == null ? "generated" : "***") + "]";
    }
}
