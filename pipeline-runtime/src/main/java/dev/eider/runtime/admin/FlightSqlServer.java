package dev.eider.runtime.admin;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.tls.InvalidTlsFileException;
import dev.eider.runtime.tls.ServerTls;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.auth.ServerAuthHandler;
import org.apache.arrow.flight.grpc.ServerInterceptorAdapter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The admin extension's Arrow Flight SQL server: Arrow's Flight service on gRPC's Netty transport
 * (with the TLS, client certificates and certificate reload of every listener), every call
 * checked for the bearer token first, statements run by the admin API's {@link QueryRunner}.
 */
final class FlightSqlServer {
    private static final System.Logger LOG = System.getLogger(FlightSqlServer.class.getName());

    static {
        // flight-core 18.3 reads incoming messages (DoPut: bound parameters) through
        // io.grpc.internal.ReadableBuffer.readBytes(ByteBuffer), which gRPC 1.85 no longer has;
        // its copying path works on every gRPC. Read once, when ArrowMessage is first loaded.
        System.setProperty("arrow.flight.enable_zero_copy_read", "false");
    }

    /** A request carries one statement (at most 64 KiB) or one row of parameters. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 1024 * 1024;
    /** Calls in flight per client connection; a JDBC connection multiplexes its statements on one. */
    static final int MAX_CALLS_PER_CONNECTION = 32;
    /** How long stopping lets running calls finish before cancelling them (which cancels their queries). */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final ComponentId id;
    private final Server server;
    private final ExecutorService executor;
    private final BufferAllocator allocator;
    private final Optional<ServerTls> tls;

    private FlightSqlServer(ComponentId id, Server server, ExecutorService executor, BufferAllocator allocator,
            Optional<ServerTls> tls) {
        this.id = id;
        this.server = server;
        this.executor = executor;
        this.allocator = allocator;
        this.tls = tls;
    }

    static FlightSqlServer start(ComponentId id, FlightSqlConfig config, BearerToken token, Host host,
            QueryRunner runner, Duration queryTimeout) throws IOException {
        Optional<ServerTls> tls = Optional.empty();
        ExecutorService executor = executor();
        BufferAllocator allocator = new RootAllocator();
        try {
            if (config.tls().isPresent()) {
                tls = Optional.of(ServerTls.start(id + " (Flight SQL)", config.tls().get()));
            }
            FlightSqlCatalogs catalogs = new FlightSqlCatalogs(host);
            FlightSqlQueries queries = new FlightSqlQueries(runner, allocator, executor);
            FlightSqlService service = new FlightSqlService(catalogs, queries,
                    new FlightSqlMetadata(catalogs, queries, allocator), new FlightSqlInfo(queryTimeout), allocator);
            ServerInterceptorAdapter middleware = new ServerInterceptorAdapter(List.of(
                    new ServerInterceptorAdapter.KeyFactory<>(FlightSqlAuthentication.KEY, new FlightSqlAuthentication(token)),
                    new ServerInterceptorAdapter.KeyFactory<>(FlightSqlCatalogSession.KEY, new FlightSqlCatalogSession.Factory())));
            NettyServerBuilder builder = NettyServerBuilder
                    .forAddress(new InetSocketAddress(config.endpoint().host(), config.endpoint().port()))
                    .executor(executor)
                    .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                    .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
                    .addService(ServerInterceptors.intercept(
                            FlightGrpcUtils.createFlightService(allocator, service, ServerAuthHandler.NO_OP, executor),
                            middleware));
            if (tls.isPresent()) {
                builder.sslContext(sslContext(tls.get()));
            }
            Server server = builder.build().start();
            return new FlightSqlServer(id, server, executor, allocator, tls);
        } catch (IOException | InvalidTlsFileException | RuntimeException e) {
            executor.shutdownNow();
            tls.ifPresent(ServerTls::close);
            allocator.close();
            throw new IOException(id + ": Flight SQL cannot listen on " + config.endpoint() + ": " + e.getMessage(), e);
        }
    }

    /**
     * gRPC's SSL context over the listener's key and trust managers, so new connections get the
     * certificate loaded last; the JDK provider, as for the admin API, asks them at every handshake.
     */
    private static SslContext sslContext(ServerTls tls) throws IOException {
        SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forServer(tls.keyManager()), SslProvider.JDK)
                .protocols(tls.protocols());
        tls.clientTrust().ifPresent(trust -> builder.trustManager(trust).clientAuth(ClientAuth.REQUIRE));
        return builder.build();
    }

    int port() {
        return server.getPort();
    }

    /** Lets running calls finish for a moment, then cancels them (which cancels their queries). */
    void stop() {
        server.shutdown();
        try {
            if (!server.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            executor.shutdown();
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: Flight SQL queries still running after stop", id);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            tls.ifPresent(ServerTls::close);
            closeAllocator();
        }
    }

    private void closeAllocator() {
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            // A query that outlived the stop still holds buffers; they go with the process.
            LOG.log(System.Logger.Level.WARNING, "{0}: Flight SQL buffers still in use at stop: {1}", id, e.getMessage());
        }
    }

    /**
     * Calls, their callbacks and the queries' streaming run here. Unbounded in threads like
     * Flight's own server: a query blocks its thread, and at most {@link QueryRunner#CONCURRENT_QUERIES}
     * run; the gRPC limits bound the rest.
     */
    private static ExecutorService executor() {
        AtomicInteger sequence = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "eider-flight-sql-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
