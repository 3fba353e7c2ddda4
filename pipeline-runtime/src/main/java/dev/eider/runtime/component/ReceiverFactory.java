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

    Receiver create(ReceiverContext context, C config);
}
