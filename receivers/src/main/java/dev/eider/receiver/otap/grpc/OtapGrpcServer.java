package dev.eider.receiver.otap.grpc;

import dev.eider.receiver.grpc.GrpcListener;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
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
import org.apache.arrow.memory.BufferAllocator;

/**
 * The OTAP listener: serves the ArrowLogs, ArrowTraces and ArrowMetrics streams for the signals
 * that have a consumer, on the process's gRPC server for its endpoint (shared with an otlp
 * receiver's grpc protocol naming the same endpoint, as the otelarrow receiver does), with the
 * max inbound message size set to the body limit (wire and decompressed) and the zstd message
 * encodings of the otel-arrow exporter.
 */
public final class OtapGrpcServer {
    /**
     * A stream's Arrow state may take this many times max_body_bytes: room for one message's
     * buffers after Arrow-level zstd decompression plus the dictionaries the stream keeps.
     */
    private static final long STREAM_ARROW_BYTES_PER_BODY_BYTE = 4;

    private final GrpcListener listener;
    private final Map<Signal, SignalConsumer> consumers;
    private final OtlpDecoder rows;
    private final long streamArrowBytes;
    private final StreamCounters counters = new StreamCounters();

    /**
     * @param receiverId   the receiver's id, reported in {@link #status()}
     * @param endpoint     where to listen; port 0 asks for a free port ({@link #port()} tells which)
     * @param maxBodyBytes the largest BatchArrowRecords message, on the wire and decompressed
     * @param tls          TLS for the listener, plaintext when empty
     * @param consumers    the signals to serve; a signal without a consumer has no service
     * @param allocator    holds the decoded batches (each stream's Arrow state has its own, limited memory)
     */
    public OtapGrpcServer(String receiverId, Endpoint endpoint, int maxBodyBytes, Optional<TlsConfig> tls,
            Map<Signal, SignalConsumer> consumers, BufferAllocator allocator) {
        this.listener = new GrpcListener(receiverId, endpoint, maxBodyBytes, tls, "OTAP", "otap");
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("an OTAP listener needs at least one signal consumer");
        }
        this.consumers = new EnumMap<>(consumers);
        this.rows = new OtlpDecoder(Objects.requireNonNull(allocator));
        this.streamArrowBytes = STREAM_ARROW_BYTES_PER_BODY_BYTE * maxBodyBytes;
    }

    /** Starts serving; throws IOException naming the endpoint when it cannot bind or share it. */
    public void start() throws IOException {
        List<ServerServiceDefinition> services = new ArrayList<>();
        for (Map.Entry<Signal, SignalConsumer> entry : consumers.entrySet()) {
            services.add(service(entry.getKey(), entry.getValue()));
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

    /** The listener as the admin API reports it: open streams as active requests, messages as total. */
    public ListenerStatus status() {
        return listener.status(counters.activeStreams(), counters.messages(), counters.rows(), counters.lastError());
    }

    /**
     * Stops serving the Arrow streams. When no other receiver shares the endpoint, open streams
     * get the server's stop grace to finish (then are cancelled), their Arrow state is freed and
     * the port is freed. Idempotent.
     */
    public void stop() {
        listener.stop();
    }

    private ServerServiceDefinition service(Signal signal, SignalConsumer consumer) {
        var method = ArrowMethods.server(signal);
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, new ArrowStreamHandler(signal, consumer, rows, streamArrowBytes, counters))
                .build();
    }
}
