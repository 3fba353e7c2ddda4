package dev.eider.receiver.otap;

import dev.eider.receiver.otap.grpc.OtapGrpcServer;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The {@code otap} receiver: one gRPC listener serving the Arrow stream of each signal it feeds. */
public final class OtapReceiver implements Receiver {
    private final OtapGrpcServer server;

    OtapReceiver(ReceiverContext context, OtapReceiverConfig config) {
        Map<Signal, SignalConsumer> consumers = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            context.consumer(signal).ifPresent(consumer -> consumers.put(signal, consumer));
        }
        server = new OtapGrpcServer(context.id().toString(), config.endpoint(), config.maxBodyBytes(), config.tls(),
                consumers, context.allocator());
    }

    @Override
    public void start(Host host) throws Exception {
        server.start();
    }

    @Override
    public List<ListenerStatus> listeners() {
        return List.of(server.status());
    }

    @Override
    public void stopListening() {
        server.stop();
    }

    @Override
    public void shutdown() {
        server.stop();
    }
}
