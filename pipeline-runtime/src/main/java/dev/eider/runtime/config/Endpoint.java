package dev.eider.runtime.config;

import java.util.Locale;
import java.util.Set;

/** A {@code host:port} listen address. Port 0 asks the OS for a free port. */
public record Endpoint(String host, int port) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** Parses {@code host:port} or {@code [v6]:port}; throws IllegalArgumentException naming the problem. */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("endpoint must be host:port");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("endpoint '" + text + "' must be host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint '" + text + "' has a port that is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint '" + text + "' has a port outside 0..65535");
        }
        return new Endpoint(host, port);
    }

    /**
     * Reads an endpoint key, reporting a malformed value or a non-loopback host without
     * {@code allowOtherHostname} to the section. Returns the default on error.
     */
    public static Endpoint read(ConfigSection section, String key, String defaultValue, boolean allowOtherHostname) {
        String text = section.string(key, defaultValue);
        Endpoint endpoint;
        try {
            endpoint = parse(text);
        } catch (IllegalArgumentException e) {
            section.error(key, e.getMessage());
            return parse(defaultValue);
        }
        if (!allowOtherHostname && !endpoint.isLoopback()) {
            section.error(key, "host '" + endpoint.host()
                    + "' is not loopback; set allow_other_hostname: true to listen on it");
        }
        return endpoint;
    }

    /**
     * The address as the OS binds it, for telling whether two endpoints are one: the host
     * lower-cased, {@code localhost} as {@code 127.0.0.1}.
     */
    public Endpoint canonical() {
        String lower = host.toLowerCase(Locale.ROOT);
        return new Endpoint(lower.equals("localhost") ? "127.0.0.1" : lower, port);
    }

    public boolean isLoopback() {
        return LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
