package dev.eider.receiver.otlp;

import dev.eider.receiver.grpc.GrpcServers;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.grpc.OtlpGrpcServer;
import dev.eider.receiver.otlp.http.OtlpHttpServer;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.component.ReceiverFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The {@code otlp} receiver: OTLP over HTTP (protobuf, JSON, NDJSON) and gRPC for logs, traces and metrics. */
public final class OtlpReceiverFactory implements ReceiverFactory<OtlpReceiverConfig> {
    public static final String TYPE = "otlp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.BETA;
    }

    @Override
    public OtlpReceiverConfig bind(ConfigSection section) {
        return OtlpReceiverConfig.bind(section);
    }

    @Override
    public List<String> endpoints(OtlpReceiverConfig config) {
        return config.endpoints();
    }

    /** The grpc protocol may share its endpoint with an otap receiver with the same TLS settings: one gRPC server serves both. */
    @Override
    public Map<String, String> sharedEndpoints(OtlpReceiverConfig config) {
        return config.grpc().map(g -> Map.of(g.endpoint().toString(), GrpcServers.sharedProtocol(g.tls())))
                .orElse(Map.of());
    }

    @Override
    public Receiver create(ReceiverContext context, OtlpReceiverConfig config) {
        Map<Signal, SignalConsumer> consumers = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            context.consumer(signal).ifPresent(c -> consumers.put(signal, c));
        }
        OtlpDecoder decoder = new OtlpDecoder(context.allocator());
        String id = context.id().toString();
        return new OtlpReceiver(
                config.http().map(h -> new OtlpHttpServer(id, h.endpoint(), h.maxBodyBytes(), h.httpThreads(),
                        h.tls(), consumers, decoder)),
                config.grpc().map(g -> new OtlpGrpcServer(id, g.endpoint(), g.maxBodyBytes(), g.tls(), consumers,
                        decoder)));
    }
}
