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
 * The admin API (docs/seal-contract.md, "Admin API"): its token, its query runner, its HTTP
 * server ({@link AdminHttpServer}) and, when configured, its Flight SQL server
 * ({@link FlightSqlServer}) on the same runner, started and stopped with the collector.
 */
public final class AdminExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(AdminExtension.class.getName());

    private final ComponentId id;
    private final AdminConfig config;
    private final PrintStream console;

    private AdminHttpServer server;
    private Optional<FlightSqlServer> flightSql = Optional.empty();
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
        BearerToken adminToken = new BearerToken(effectiveToken, "admin token");
        AdminHttpServer bound = new AdminHttpServer(id, new AdminRouter(host, adminToken, runner), serverTls);
        Optional<FlightSqlServer> flight = Optional.empty();
        try {
            bound.start(config.endpoint());
            if (config.flightSql().isPresent()) {
                FlightSqlConfig flightConfig = config.flightSql().get();
                BearerToken flightToken = flightConfig.token() == null ? adminToken
                        : new BearerToken(flightConfig.token(), "Flight SQL token");
                flight = Optional.of(FlightSqlServer.start(id, flightConfig, flightToken, host, runner,
                        config.queryTimeout()));
            }
        } catch (IOException e) {
            bound.stop();
            runner.close();
            serverTls.ifPresent(ServerTls::close);
            throw e;
        }
        if (generated) {
            console.println("admin token: " + effectiveToken);
        }
        server = bound;
        flightSql = flight;
        tls = serverTls;
        queries = runner;
        port = bound.port();
        token = effectiveToken;
        LOG.log(System.Logger.Level.INFO, "{0}: admin API listening on {1}", id, uri());
        flightSqlUri().ifPresent(uri -> LOG.log(System.Logger.Level.INFO, "{0}: Flight SQL listening on {1}", id, uri));
    }

    /**
     * Where the Flight SQL endpoint listens, as its clients spell it ({@code grpc://host:port},
     * {@code grpc+tls://} with TLS); empty when it is off.
     */
    public synchronized Optional<URI> flightSqlUri() {
        requireStarted();
        return flightSql.map(flight -> {
            FlightSqlConfig flightConfig = config.flightSql().orElseThrow();
            String host = flightConfig.endpoint().host();
            String scheme = flightConfig.tls().isPresent() ? "grpc+tls://" : "grpc://";
            return URI.create(scheme + (host.contains(":") ? "[" + host + "]" : host) + ":" + flight.port());
        });
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
        flightSql.ifPresent(FlightSqlServer::stop);
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
