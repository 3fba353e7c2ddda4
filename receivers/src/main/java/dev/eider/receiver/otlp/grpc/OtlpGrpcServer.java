package dev.eider.receiver.otlp.grpc;

import dev.eider.receiver.grpc.GrpcRegistration;
import dev.eider.receiver.grpc.GrpcServers;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.grpc.OtlpGrpcMethods.ExportMethod;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OTLP/gRPC listener: serves the Logs, Trace and Metrics {@code Export} methods for the
 * signals that have a consumer, on the process's gRPC server for its endpoint (shared with an
 * otap receiver naming the same endpoint), with gRPC's max inbound message size set to the body
 * limit (wire and decompressed) and gzip plus zstd request compression.
 */
public final class OtlpGrpcServer {
    private static final System.Logger LOG = System.getLogger(OtlpGrpcServer.class.getName());

    private final String receiverId;
    private final Endpoint endpoint;
    private final int maxBodyBytes;
    private final Map<Signal, SignalConsumer> consumers;
    private final OtlpDecoder decoder;
    private final CallCounters counters = new CallCounters();
    private volatile GrpcRegistration registration;
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

    /** Starts serving; throws IOException naming the endpoint when it cannot bind or share it. */
    public synchronized void start() throws IOException {
        if (registration != null || stopped) {
            throw new IllegalStateException("OTLP/gRPC listener " + receiverId + " was already started");
        }
        List<ServerServiceDefinition> services = new ArrayList<>();
        for (Map.Entry<Signal, SignalConsumer> entry : consumers.entrySet()) {
            services.add(service(OtlpGrpcMethods.method(entry.getKey()), entry.getValue()));
        }
        registration = GrpcServers.process().register(receiverId, endpoint, maxBodyBytes, services);
        boundPort = registration.port();
        LOG.log(System.Logger.Level.INFO, "OTLP/gRPC receiver {0} listening on {1}", receiverId, listenUri());
    }

    /** The bound port once started (the chosen one when the endpoint asked for port 0), else -1. */
    public int port() {
        return boundPort;
    }

    public boolean isListening() {
        return registration != null && !stopped;
    }

    /** The listener as the admin API reports it. */
    public ListenerStatus status() {
        int port = boundPort >= 0 ? boundPort : endpoint.port();
        Endpoint shown = new Endpoint(endpoint.host(), port);
        return new ListenerStatus(receiverId, "grpc", "otlp://" + shown, "http://" + shown, endpoint.host(), port,
                counters.active(), counters.total(), counters.rows(), isListening(), counters.lastError());
    }

    /**
     * Stops serving the Export methods. When no other receiver shares the endpoint, in-flight
     * calls get the server's stop grace to finish (then are cancelled) and the port is freed.
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
}
