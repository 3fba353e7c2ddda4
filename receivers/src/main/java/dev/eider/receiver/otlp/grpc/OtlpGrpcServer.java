package dev.eider.receiver.otlp.grpc;

import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.grpc.OtlpGrpcMethods.ExportMethod;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import io.grpc.DecompressorRegistry;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OTLP/gRPC listener: serves the Logs, Trace and Metrics {@code Export} methods for the
 * signals that have a consumer, with gRPC's max inbound message size set to the body limit
 * (wire and decompressed) and gzip plus zstd request compression.
 */
public final class OtlpGrpcServer {
    private static final System.Logger LOG = System.getLogger(OtlpGrpcServer.class.getName());
    /** How long {@link #stop()} lets in-flight calls finish before cancelling them. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String receiverId;
    private final Endpoint endpoint;
    private final int maxBodyBytes;
    private final Map<Signal, SignalConsumer> consumers;
    private final OtlpDecoder decoder;
    private final CallCounters counters = new CallCounters();
    private volatile Server server;
    private volatile ExecutorService executor;
    private volatile int boundPort = -1;
    private volatile boolean stopped;

    /**
     * @param receiverId   the receiver's id, reported in {@link #status()}
     * @param endpoint     where to listen; port 0 asks for a free port ({@link #port()} tells which)
     * @param maxBodyBytes the largest request message, on the wire and decompressed
     * @param consumers    the signals to serve; a signal without a consumer has no service
     * @param decoder      decodes the protobuf request bodies
     */
    public OtlpGrpcServer(String receiverId, Endpoint endpoint, int maxBodyBytes,
            Map<Signal, SignalConsumer> consumers, OtlpDecoder decoder) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("max_body_bytes must be positive, got " + maxBodyBytes);
        }
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("an OTLP/gRPC listener needs at least one signal consumer");
        }
        this.receiverId = Objects.requireNonNull(receiverId);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.maxBodyBytes = maxBodyBytes;
        this.consumers = new EnumMap<>(consumers);
        this.decoder = Objects.requireNonNull(decoder);
    }

    /** Binds the endpoint and starts serving; throws IOException naming the endpoint when it cannot bind. */
    public synchronized void start() throws IOException {
        if (server != null || stopped) {
            throw new IllegalStateException("OTLP/gRPC listener " + receiverId + " was already started");
        }
        ExecutorService callExecutor = callExecutor();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(endpoint.host(), endpoint.port()))
                .executor(callExecutor)
                .maxInboundMessageSize(maxBodyBytes)
                .decompressorRegistry(DecompressorRegistry.getDefaultInstance().with(new ZstdDecompressor(), true));
        for (Map.Entry<Signal, SignalConsumer> entry : consumers.entrySet()) {
            builder.addService(service(OtlpGrpcMethods.method(entry.getKey()), entry.getValue()));
        }
        Server built = builder.build();
        try {
            built.start();
        } catch (IOException e) {
            callExecutor.shutdownNow();
            throw new IOException("OTLP/gRPC receiver " + receiverId + " cannot listen on " + endpoint + ": "
                    + e.getMessage(), e);
        }
        server = built;
        executor = callExecutor;
        boundPort = built.getPort();
        LOG.log(System.Logger.Level.INFO, "OTLP/gRPC receiver {0} listening on {1}", receiverId, listenUri());
    }

    /** The bound port once started (the chosen one when the endpoint asked for port 0), else -1. */
    public int port() {
        return boundPort;
    }

    public boolean isListening() {
        return server != null && !stopped;
    }

    /** The listener as the admin API reports it. */
    public ListenerStatus status() {
        int port = boundPort >= 0 ? boundPort : endpoint.port();
        Endpoint shown = new Endpoint(endpoint.host(), port);
        return new ListenerStatus(receiverId, "grpc", "otlp://" + shown, "http://" + shown, endpoint.host(), port,
                counters.active(), counters.total(), counters.rows(), isListening(), counters.lastError());
    }

    /**
     * Stops accepting calls, lets in-flight calls finish for up to {@link #STOP_GRACE} (then
     * cancels them) and frees the port. Idempotent.
     */
    public void stop() {
        Server running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = server;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "OTLP/gRPC receiver {0}: calls still running after {1}, cancelling them",
                        receiverId, STOP_GRACE);
                running.shutdownNow();
                running.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
        }
        LOG.log(System.Logger.Level.INFO, "OTLP/gRPC receiver {0} stopped listening on {1}", receiverId, listenUri());
    }

    private String listenUri() {
        return "otlp://" + new Endpoint(endpoint.host(), boundPort);
    }

    private <R> ServerServiceDefinition service(ExportMethod<R> method, SignalConsumer consumer) {
        return ServerServiceDefinition.builder(method.descriptor().getServiceName())
                .addMethod(method.serverDescriptor(), new ExportCallHandler<>(method, consumer, decoder, counters))
                .build();
    }

    /**
     * Decoding and consuming run here, off the Netty event loop, on a fixed number of threads;
     * calls beyond that wait in the queue with their message already bounded by the body limit.
     */
    private ExecutorService callExecutor() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger sequence = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "otlp-grpc-" + receiverId + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
