package dev.eider.receiver.grpc;

import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.InvalidTlsFileException;
import dev.eider.runtime.tls.ServerTls;
import dev.eider.runtime.tls.TlsConfig;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bound gRPC server and the receivers whose services it serves. Services come and go through
 * a mutable handler registry, so a receiver can join a server another receiver already started.
 */
final class SharedGrpcServer {
    private static final System.Logger LOG = System.getLogger(SharedGrpcServer.class.getName());
    /** How long the last {@link GrpcRegistration#close()} lets calls in flight finish before cancelling them. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Endpoint endpoint;
    private final int maxInboundBytes;
    private final Optional<ServerTls> tls;
    private final String firstOwner;
    private final Server server;
    private final ExecutorService executor;
    private final ServiceTable handlers;
    /** Receiver id to the services it registered; guarded by this. */
    private final Map<String, List<ServerServiceDefinition>> owners = new LinkedHashMap<>();
    private boolean stopped;

    private SharedGrpcServer(Endpoint endpoint, int maxInboundBytes, Optional<ServerTls> tls, String firstOwner,
            Server server, ExecutorService executor, ServiceTable handlers) {
        this.endpoint = endpoint;
        this.maxInboundBytes = maxInboundBytes;
        this.tls = tls;
        this.firstOwner = firstOwner;
        this.server = server;
        this.executor = executor;
        this.handlers = handlers;
    }

    static SharedGrpcServer start(Endpoint endpoint, int maxInboundBytes, Optional<TlsConfig> tlsConfig, String owner)
            throws IOException {
        Optional<ServerTls> tls = Optional.empty();
        ServiceTable handlers = new ServiceTable();
        ExecutorService executor = callExecutor(endpoint);
        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(endpoint.host(), endpoint.port()))
                    .executor(executor)
                    .maxInboundMessageSize(maxInboundBytes)
                    .decompressorRegistry(GrpcDecompressors.all())
                    .fallbackHandlerRegistry(handlers);
            if (tlsConfig.isPresent()) {
                tls = Optional.of(ServerTls.start("gRPC server on " + endpoint, tlsConfig.get()));
                builder.sslContext(GrpcTls.sslContext(tls.get()));
            }
            Server server = builder.build();
            server.start();
            LOG.log(System.Logger.Level.INFO, "gRPC server listening on {0} (port {1}){2}", endpoint,
                    String.valueOf(server.getPort()), tls.isPresent() ? " with TLS" : "");
            return new SharedGrpcServer(endpoint, maxInboundBytes, tls, owner, server, executor, handlers);
        } catch (IOException | InvalidTlsFileException e) {
            executor.shutdownNow();
            tls.ifPresent(ServerTls::close);
            throw new IOException("receiver " + owner + " cannot listen on " + endpoint + ": " + e.getMessage(), e);
        }
    }

    synchronized GrpcRegistration join(String owner, int maxBytes, Optional<TlsConfig> tlsConfig,
            List<ServerServiceDefinition> services, Runnable onStop) throws IOException {
        if (stopped) {
            throw new IOException("receiver " + owner + " cannot listen on " + endpoint + ": its gRPC server is stopping");
        }
        if (maxBytes != maxInboundBytes) {
            throw new IOException("receiver " + owner + " shares " + endpoint + " with " + firstOwner
                    + ", whose max_body_bytes is " + maxInboundBytes + " but " + owner + "'s is " + maxBytes
                    + "; receivers on one gRPC endpoint need the same max_body_bytes");
        }
        Optional<TlsConfig> served = tls.map(ServerTls::config);
        if (!served.equals(tlsConfig)) {
            throw new IOException("receiver " + owner + " shares " + endpoint + " with " + firstOwner + ", which serves "
                    + GrpcServers.sharedProtocol(served) + " but " + owner + " asks for "
                    + GrpcServers.sharedProtocol(tlsConfig) + "; receivers on one gRPC endpoint need the same tls settings");
        }
        if (owners.containsKey(owner)) {
            throw new IllegalStateException("receiver " + owner + " already serves on " + endpoint);
        }
        for (ServerServiceDefinition service : services) {
            String name = service.getServiceDescriptor().getName();
            if (handlers.serves(name)) {
                throw new IOException("receiver " + owner + " cannot serve " + name + " on " + endpoint
                        + ": another receiver there already serves it");
            }
        }
        services.forEach(handlers::add);
        owners.put(owner, List.copyOf(services));
        LOG.log(System.Logger.Level.DEBUG, "receiver {0} serves on {1}", owner, endpoint);
        return new Registration(owner, onStop);
    }

    /** Takes the owner's services off; returns whether it was the last owner, so the server must stop. */
    private synchronized boolean leave(String owner) {
        List<ServerServiceDefinition> services = owners.remove(owner);
        if (services != null) {
            services.forEach(handlers::remove);
        }
        if (owners.isEmpty() && !stopped) {
            stopped = true;
            return true;
        }
        return false;
    }

    private void stop() {
        server.shutdown();
        try {
            if (!server.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "gRPC server on {0}: calls still running after {1}, cancelling them",
                        endpoint, STOP_GRACE);
                server.shutdownNow();
                server.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Let the calls' completion callbacks, already queued, release what they hold.
            executor.shutdown();
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            tls.ifPresent(ServerTls::close);
        }
        LOG.log(System.Logger.Level.INFO, "gRPC server on {0} stopped", endpoint);
    }

    /**
     * Decoding and consuming run here, off the Netty event loop, on a fixed number of threads;
     * calls beyond that wait in the queue with their message already bounded by the size limit.
     */
    private static ExecutorService callExecutor(Endpoint endpoint) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger sequence = new AtomicInteger();
        String prefix = "grpc-" + endpoint.port() + "-";
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, prefix + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private final class Registration implements GrpcRegistration {
        private final String owner;
        private final Runnable onStop;
        private boolean closed;

        Registration(String owner, Runnable onStop) {
            this.owner = owner;
            this.onStop = onStop;
        }

        @Override
        public int port() {
            return server.getPort();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (leave(owner)) {
                onStop.run();
                stop();
            }
        }
    }
}
