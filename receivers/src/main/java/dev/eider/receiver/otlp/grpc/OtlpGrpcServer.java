package dev.eider.receiver.otlp.grpc;

import dev.eider.receiver.grpc.GrpcListener;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.grpc.OtlpGrpcMethods.ExportMethod;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OTLP/gRPC listener: serves the Logs, Trace and Metrics {@code Export} methods for the
 * signals that have a consumer, on the process's gRPC server for its endpoint (shared with an
 * otap receiver naming the same endpoint), with gRPC's max inbound message size set to the body
 * limit (wire and decompressed) and gzip plus zstd request compression.
 */
public final class OtlpGrpcServer {
    private final GrpcListener listener;
    private final Map<Signal, SignalConsumer> consumers;
    private final OtlpDecoder decoder;
    private final CallCounters counters = new CallCounters();

    /**
     * @param receiverId   the receiver's id, reported in {@link #status()}
     * @param endpoint     where to listen; port 0 asks for a free port ({@link #port()} tells which)
     * @param maxBodyBytes the largest request message, on the wire and decompressed
     * @param tls          TLS for the listener, plaintext when empty
     * @param consumers    the signals to serve; a signal without a consumer has no service
     * @param decoder      decodes the protobuf request bodies
     */
    public OtlpGrpcServer(String receiverId, Endpoint endpoint, int maxBodyBytes, Optional<TlsConfig> tls,
            Map<Signal, SignalConsumer> consumers, OtlpDecoder decoder) {
        this.listener = new GrpcListener(receiverId, endpoint, maxBodyBytes, tls, "OTLP/gRPC", "otlp");
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("an OTLP/gRPC listener needs at least one signal consumer");
        }
        this.consumers = new EnumMap<>(consumers);
        this.decoder = Objects.requireNonNull(decoder);
    }

    /** Starts serving; throws IOException naming the endpoint when it cannot bind or share it. */
    public void start() throws IOException {
        List<ServerServiceDefinition> services = new ArrayList<>();
        for (Map.Entry<Signal, SignalConsumer> entry : consumers.entrySet()) {
            services.add(service(OtlpGrpcMethods.method(entry.getKey()), entry.getValue()));
        }
        listener.start(services);
    }

    /** The bound port once started (the chosen one when the endpoint asked for port 0), else -1. */
    public int port() {
        return listener.port();
    }

    public boolean isListening() {
        return listener.isListening();
    }

    /** The listener as the admin API reports it. */
    public ListenerStatus status() {
        return listener.status(counters.active(), counters.total(), counters.rows(), counters.lastError());
    }

    /**
     * Stops serving the Export methods. When no other receiver shares the endpoint, in-flight
     * calls get the server's stop grace to finish (then are cancelled) and the port is freed.
     * Idempotent.
     */
    public void stop() {
        listener.stop();
    }

    private <R> ServerServiceDefinition service(ExportMethod<R> method, SignalConsumer consumer) {
        return ServerServiceDefinition.builder(method.descriptor().getServiceName())
                .addMethod(method.serverDescriptor(), new ExportCallHandler<>(method, consumer, decoder, counters))
                .build();
    }
}
