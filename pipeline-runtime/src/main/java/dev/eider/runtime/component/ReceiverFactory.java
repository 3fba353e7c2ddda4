package dev.eider.runtime.component;

import dev.eider.runtime.pipeline.Signal;
import java.util.Set;

public interface ReceiverFactory<C> extends ComponentFactory<C> {
    @Override
    default ComponentKind kind() {
        return ComponentKind.RECEIVER;
    }

    /** Signals this receiver can feed. */
    default Set<Signal> signals() {
        return java.util.EnumSet.allOf(Signal.class);
    }

    /** Endpoints ({@code host:port}) the config would bind, for the duplicate-endpoint check. */
    default java.util.List<String> endpoints(C config) {
        return java.util.List.of();
    }

    /**
     * The endpoints among {@link #endpoints} served by a server other receivers may join, each
     * with its protocol (say {@code "grpc"}, plus the settings the shared server has once for
     * all, such as TLS): two receivers may name one endpoint when both share it with the same
     * protocol. Every other endpoint is the component's alone.
     */
    default java.util.Map<String, String> sharedEndpoints(C config) {
        return java.util.Map.of();
    }

    Receiver create(ReceiverContext context, C config);
}
