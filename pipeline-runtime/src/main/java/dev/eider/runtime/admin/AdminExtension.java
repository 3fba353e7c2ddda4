package dev.eider.runtime.admin;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.tls.InvalidTlsFileException;
import dev.eider.runtime.tls.ServerTls;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin API (docs/seal-contract.md, "Admin API"): its token, its query runner and its HTTP
 * server ({@link AdminHttpServer}), started and stopped with the collector.
 */
public final class AdminExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(AdminExtension.class.getName());

    private final ComponentId id;
    private final AdminConfig config;
    private final PrintStream console;

    private AdminHttpServer server;
    private Optional<ServerTls> tls = Optional.empty();
    private QueryRunner queries;
    private String token;
    private int port;
    private boolean stopped;

    public AdminExtension(ComponentId id, AdminConfig config) {
        this(id, config, System.err);
    }

    /** {@code console} receives the generated-token line (stderr in the collector). */
    AdminExtension(ComponentId id, AdminConfig config, PrintStream console) {
        this.id = Objects.requireNonNull(id, "id");
        this.config = Objects.requireNonNull(config, "config");
        this.console = Objects.requireNonNull(console, "console");
    }

    @Override
    public synchronized void start(Host host) throws IOException {
        Objects.requireNonNull(host, "host");
        if (server != null || stopped) {
            throw new IllegalStateException(id + " cannot be started twice");
        }
        String effectiveToken = config.token();
        boolean generated = effectiveToken == null;
        if (generated) {
            effectiveToken = BearerToken.generate();
        }
        Optional<ServerTls> serverTls = startTls();
        QueryRunner runner = new QueryRunner(config.queryMaxRows(), config.queryTimeout());
        AdminHttpServer bound = new AdminHttpServer(id,
                new AdminRouter(host, new BearerToken(effectiveToken), runner), serverTls);
        try {
            bound.start(config.endpoint());
        } catch (IOException e) {
            runner.close();
            serverTls.ifPresent(ServerTls::close);
            throw e;
        }
        if (generated) {
            console.println("admin token: " + effectiveToken);
        }
        server = bound;
        tls = serverTls;
        queries = runner;
        port = bound.port();
        token = effectiveToken;
        LOG.log(System.Logger.Level.INFO, "{0}: admin API listening on {1}", id, uri());
    }

    /** The port the server is bound to (the OS's choice when the endpoint asked for 0). */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The base URI clients use, e.g. {@code http://localhost:13133}, or {@code https://...} with TLS. */
    public synchronized URI uri() {
        requireStarted();
        String host = config.endpoint().host();
        String scheme = config.tls().isPresent() ? "https://" : "http://";
        return URI.create(scheme + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** The token the API requires: the configured one or the one generated at start. */
    public synchronized String token() {
        requireStarted();
        return token;
    }

    @Override
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (server == null) {
            return;
        }
        // Every answer that matters (shutdown's) is sent before the collector stops.
        server.stop();
        tls.ifPresent(ServerTls::close);
        queries.close();
        LOG.log(System.Logger.Level.INFO, "{0}: admin API stopped", id);
    }

    /** Queries cancelled because their client went away (the query API's tests watch it). */
    synchronized long queriesCancelledForGoneClients() {
        requireStarted();
        return queries.cancelledForGoneClients();
    }

    private Optional<ServerTls> startTls() throws IOException {
        if (config.tls().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ServerTls.start(id + " (admin API)", config.tls().get()));
        } catch (InvalidTlsFileException e) {
            throw new IOException(id + ": cannot listen on " + config.endpoint() + ": " + e.getMessage(), e);
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException(id + " is not started");
        }
    }
}
