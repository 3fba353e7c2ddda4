package dev.eider.receiver.grpc;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One receiver's place on the process's gRPC server for its endpoint: registers the receiver's
 * services when started, knows the bound port, reports the listener to the admin API and takes
 * the services off when stopped. The receiver owns its services and counters.
 */
public final class GrpcListener {
    private static final System.Logger LOG = System.getLogger(GrpcListener.class.getName());

    private final String receiverId;
    private final Endpoint endpoint;
    private final int maxBodyBytes;
    private final Optional<TlsConfig> tls;
    private final String kind;
    private final String scheme;
    private volatile GrpcRegistration registration;
    private volatile int boundPort = -1;
    private volatile boolean stopped;

    /**
     * @param receiverId   the receiver's id, reported in {@link #status}
     * @param endpoint     where to listen; port 0 asks for a free port ({@link #port()} tells which)
     * @param maxBodyBytes the largest message, on the wire and decompressed
     * @param tls          TLS for the listener, plaintext when empty; receivers sharing an
     *                     endpoint need the same settings
     * @param kind         what the listener serves, as logs and errors name it (say "OTLP/gRPC")
     * @param scheme       the scheme of the listen URI the admin API reports (say "otlp")
     */
    public GrpcListener(String receiverId, Endpoint endpoint, int maxBodyBytes, Optional<TlsConfig> tls, String kind,
            String scheme) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("max_body_bytes must be positive, got " + maxBodyBytes);
        }
        this.receiverId = Objects.requireNonNull(receiverId);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.maxBodyBytes = maxBodyBytes;
        this.tls = Objects.requireNonNull(tls);
        this.kind = Objects.requireNonNull(kind);
        this.scheme = Objects.requireNonNull(scheme);
    }

    /** Starts serving; throws IOException naming the endpoint when it cannot bind or share it. */
    public synchronized void start(List<ServerServiceDefinition> services) throws IOException {
        if (registration != null || stopped) {
            throw new IllegalStateException(kind + " listener " + receiverId + " was already started");
        }
        registration = GrpcServers.process().register(receiverId, endpoint, maxBodyBytes, tls, services);
        boundPort = registration.port();
        LOG.log(System.Logger.Level.INFO, "{0} receiver {1} listening on {2}", kind, receiverId, listenUri());
    }

    /** The bound port once started (the chosen one when the endpoint asked for port 0), else -1. */
    public int port() {
        return boundPort;
    }

    public boolean isListening() {
        return registration != null && !stopped;
    }

    /** The listener as the admin API reports it, with the receiver's own request and row counts. */
    public ListenerStatus status(long activeRequests, long totalRequests, long totalRows, String lastError) {
        int port = boundPort >= 0 ? boundPort : endpoint.port();
        Endpoint shown = new Endpoint(endpoint.host(), port);
        String transport = tls.isPresent() ? "https://" : "http://";
        return new ListenerStatus(receiverId, "grpc", scheme + "://" + shown, transport + shown, endpoint.host(), port,
                activeRequests, totalRequests, totalRows, isListening(), lastError);
    }

    /**
     * Takes the services off the server. When no other receiver shares the endpoint, calls in
     * flight get the server's stop grace to finish (then are cancelled) and the port is freed.
     * Idempotent.
     */
    public void stop() {
        GrpcRegistration running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = registration;
        }
        if (running == null) {
            return;
        }
        running.close();
        LOG.log(System.Logger.Level.INFO, "{0} receiver {1} stopped listening on {2}", kind, receiverId, listenUri());
    }

    private String listenUri() {
        return scheme + "://" + new Endpoint(endpoint.host(), boundPort);
    }
}
