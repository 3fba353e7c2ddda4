package dev.eider.runtime.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Calls a running collector's admin API for the CLI ({@code status|seals|flush|stop}). Answers
 * of any status are returned as they are; only failing to reach the API is an IOException.
 */
public final class AdminClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** A flush seals everything buffered (up to max_buffered_bytes) before it answers. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(5);
    /** The server cancels a query at its own limit (query_timeout); this only guards against a hang. */
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(15);

    private final String base;
    private final String token;
    private final HttpClient http;

    /**
     * @param adminBase e.g. {@code http://localhost:13133}
     * @param token the admin token, or null to send no Authorization header
     */
    public AdminClient(URI adminBase, String token) {
        this(adminBase, token, Optional.empty());
    }

    /**
     * @param adminBase e.g. {@code https://localhost:13133}
     * @param token the admin token, or null to send no Authorization header
     * @param tls for an https address: the CAs to trust and the client certificate to present;
     *     empty uses the JDK's defaults
     */
    public AdminClient(URI adminBase, String token, Optional<SSLContext> tls) {
        String text = Objects.requireNonNull(adminBase, "adminBase").toString();
        String scheme = adminBase.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || adminBase.getHost() == null) {
            throw new IllegalArgumentException("admin address '" + text + "' must be http://host:port or https://host:port");
        }
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** GET /v1/status. */
    public AdminResponse status() throws IOException {
        return send("GET", "/v1/status", REQUEST_TIMEOUT);
    }

    /** GET /v1/seals. */
    public AdminResponse seals() throws IOException {
        return send("GET", "/v1/seals", REQUEST_TIMEOUT);
    }

    /** POST /v1/flush, for one pipeline or all. */
    public AdminResponse flush(Optional<String> pipeline) throws IOException {
        String path = pipeline
                .map(id -> "/v1/flush?pipeline=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .orElse("/v1/flush");
        return send("POST", path, FLUSH_TIMEOUT);
    }

    /** POST /v1/receivers/{id}/stop. The receiver's accepted rows are sealed first. */
    public AdminResponse stopReceiver(String receiverId) throws IOException {
        Objects.requireNonNull(receiverId, "receiverId");
        // The slash of type/name stays a path separator; the server takes everything before /stop.
        String id = URLEncoder.encode(receiverId, StandardCharsets.UTF_8).replace("%2F", "/");
        return send("POST", "/v1/receivers/" + id + "/stop", FLUSH_TIMEOUT);
    }

    /**
     * POST /v1/query with one SQL statement as text/plain.
     *
     * @param accept the Accept header: application/json, text/csv (Arrow is binary and not for this client)
     */
    public AdminResponse query(String sql, Optional<String> exporter, String accept) throws IOException {
        Objects.requireNonNull(sql, "sql");
        String path = exporter
                .map(id -> "/v1/query?exporter=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .orElse("/v1/query");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(QUERY_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        return send(request, "POST", path, QUERY_TIMEOUT);
    }

    /** POST /v1/shutdown: the CLI's {@code stop}, a graceful stop of the whole collector. */
    public AdminResponse shutdown() throws IOException {
        return send("POST", "/v1/shutdown", REQUEST_TIMEOUT);
    }

    private static String reason(ConnectException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        return "connection refused";
    }

    private AdminResponse send(String method, String path, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        return send(request, method, path, timeout);
    }

    private AdminResponse send(HttpRequest.Builder request, String method, String path, Duration timeout)
            throws IOException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new AdminResponse(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new IOException("no collector admin API at " + base + ": connect timed out after "
                    + CONNECT_TIMEOUT.toSeconds() + "s", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("collector admin API at " + base + " did not answer " + method + " " + path
                    + " within " + timeout.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw new IOException("no collector admin API at " + base + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the collector admin API at " + base, e);
        }
    }
}
