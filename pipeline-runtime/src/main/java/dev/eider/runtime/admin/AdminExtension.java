package dev.eider.runtime.admin;

import com.sun.net.httpserver.HttpServer;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.config.Endpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin API server (shared/spec/seal.md, "Admin API"). Traffic is a few requests from an
 * operator or a scraper, so the JDK's HTTP server with a small bounded pool is enough; a flush
 * holds its thread until the seal is done.
 */
public final class AdminExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(AdminExtension.class.getName());
    private static final int THREADS = 4;
    private static final int QUEUED_REQUESTS = 16;

    private final ComponentId id;
    private final AdminConfig config;
    private final PrintStream console;

    private HttpServer server;
    private ThreadPoolExecutor executor;
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
        Endpoint endpoint = config.endpoint();
        HttpServer bound;
        try {
            bound = HttpServer.create(new InetSocketAddress(endpoint.host(), endpoint.port()), 0);
        } catch (IOException e) {
            throw new IOException(id + ": cannot listen on " + endpoint + ": " + e.getMessage(), e);
        }
        String effectiveToken = config.token();
        if (effectiveToken == null) {
            effectiveToken = BearerToken.generate();
            console.println("admin token: " + effectiveToken);
        }
        executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), daemonThreads(id),
                // A full queue holds the accepting thread back instead of dropping requests.
                new ThreadPoolExecutor.CallerRunsPolicy());
        bound.setExecutor(executor);
        queries = new QueryRunner(config.queryMaxRows(), config.queryTimeout());
        bound.createContext("/", new AdminRouter(host, new BearerToken(effectiveToken), queries));
        bound.start();
        server = bound;
        port = bound.getAddress().getPort();
        token = effectiveToken;
        LOG.log(System.Logger.Level.INFO, "{0}: admin API listening on {1}", id, uri());
    }

    /** The port the server is bound to (the OS's choice when the endpoint asked for 0). */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The base URI clients use, e.g. {@code http://localhost:13133}. */
    public synchronized URI uri() {
        requireStarted();
        String host = config.endpoint().host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
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
        // No grace period: the JDK server would wait it out in full even when idle, and every
        // answer that matters (shutdown's) is sent before the collector stops.
        server.stop(0);
        // Not shutdownNow: a running flush must not be interrupted halfway through a seal.
        executor.shutdown();
        queries.close();
        LOG.log(System.Logger.Level.INFO, "{0}: admin API stopped", id);
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException(id + " is not started");
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(ComponentId id) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "eider-" + id.toString().replace('/', '-') + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
