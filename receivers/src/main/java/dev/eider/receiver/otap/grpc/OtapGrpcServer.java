package dev.eider.receiver.otap.grpc;

import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import io.grpc.Decompressor;
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
import org.apache.arrow.memory.BufferAllocator;

/**
 * The OTAP listener: serves the ArrowLogs, ArrowTraces and ArrowMetrics streams for the signals
 * that have a consumer, with the max inbound message size set to the body limit (wire and
 * decompressed) and the zstd message encodings of the otel-arrow exporter.
 */
public final class OtapGrpcServer {
    private static final System.Logger LOG = System.getLogger(OtapGrpcServer.class.getName());
    /** How long {@link #stop()} lets open streams finish before cancelling them. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String receiverId;
    private final Endpoint endpoint;
    private final int maxBodyBytes;
    private final Map<Signal, SignalConsumer> consumers;
    private final BufferAllocator allocator;
    private final OtlpDecoder rows;
    private final StreamCounters counters = new StreamCounters();
    private volatile Server server;
    private volatile ExecutorService executor;
    private volatile int boundPort = -1;
    private volatile boolean stopped;

    /**
     * @param receiverId   the receiver's id, reported in {@link #status()}
     * @param endpoint     where to listen; port 0 asks for a free port ({@link #port()} tells which)
     * @param maxBodyBytes the largest BatchArrowRecords message, on the wire and decompressed
     * @param consumers    the signals to serve; a signal without a consumer has no service
     * @param allocator    holds each stream's Arrow state and the decoded batches
     */
    public OtapGrpcServer(String receiverId, Endpoint endpoint, int maxBodyBytes,
            Map<Signal, SignalConsumer> consumers, BufferAllocator allocator) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("max_body_bytes must be positive, got " + maxBodyBytes);
        }
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("an OTAP listener needs at least one signal consumer");
        }
        this.receiverId = Objects.requireNonNull(receiverId);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.maxBodyBytes = maxBodyBytes;
        this.consumers = new EnumMap<>(consumers);
        this.allocator = Objects.requireNonNull(allocator);
        this.rows = new OtlpDecoder(allocator);
    }

    /** Binds the endpoint and starts serving; throws IOException naming the endpoint when it cannot bind. */
    public synchronized void start() throws IOException {
        if (server != null || stopped) {
            throw new IllegalStateException("OTAP listener " + receiverId + " was already started");
        }
        DecompressorRegistry decompressors = DecompressorRegistry.getDefaultInstance();
        for (Decompressor decompressor : ZstdArrowDecompressor.all()) {
            decompressors = decompressors.with(decompressor, true);
        }
        ExecutorService streamExecutor = streamExecutor();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(endpoint.host(), endpoint.port()))
                .executor(streamExecutor)
                .maxInboundMessageSize(maxBodyBytes)
                .decompressorRegistry(decompressors);
        for (Map.Entry<Signal, SignalConsumer> entry : consumers.entrySet()) {
            builder.addService(service(entry.getKey(), entry.getValue()));
        }
        Server built = builder.build();
        try {
            built.start();
        } catch (IOException e) {
            streamExecutor.shutdownNow();
            throw new IOException("OTAP receiver " + receiverId + " cannot listen on " + endpoint + ": " + e.getMessage(), e);
        }
        server = built;
        executor = streamExecutor;
        boundPort = built.getPort();
        LOG.log(System.Logger.Level.INFO, "OTAP receiver {0} listening on {1}", receiverId, listenUri());
    }

    /** The bound port once started (the chosen one when the endpoint asked for port 0), else -1. */
    public int port() {
        return boundPort;
    }

    public boolean isListening() {
        return server != null && !stopped;
    }

    /** The listener as the admin API reports it: open streams as active requests, messages as total. */
    public ListenerStatus status() {
        int port = boundPort >= 0 ? boundPort : endpoint.port();
        Endpoint shown = new Endpoint(endpoint.host(), port);
        return new ListenerStatus(receiverId, "grpc", "otap://" + shown, "http://" + shown, endpoint.host(), port,
                counters.activeStreams(), counters.messages(), counters.rows(), isListening(), counters.lastError());
    }

    /**
     * Stops accepting streams, lets open ones finish for up to {@link #STOP_GRACE} (then cancels
     * them) and frees the port. Idempotent.
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
                LOG.log(System.Logger.Level.WARNING, "OTAP receiver {0}: streams still open after {1}, cancelling them",
                        receiverId, STOP_GRACE);
                running.shutdownNow();
                running.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Let the streams' completion callbacks, already queued, free their Arrow state.
            executor.shutdown();
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "OTAP receiver {0} stopped listening on {1}", receiverId, listenUri());
    }

    private String listenUri() {
        return "otap://" + new Endpoint(endpoint.host(), boundPort);
    }

    private ServerServiceDefinition service(Signal signal, SignalConsumer consumer) {
        var method = ArrowMethods.server(signal);
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, new ArrowStreamHandler(signal, consumer, allocator, rows, counters))
                .build();
    }

    /**
     * Decoding and consuming run here, off the Netty event loop, on a fixed number of threads;
     * each stream's messages run one after another.
     */
    private ExecutorService streamExecutor() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger sequence = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "otap-" + receiverId + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
