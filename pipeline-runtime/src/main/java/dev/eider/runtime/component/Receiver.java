package dev.eider.runtime.component;

import java.util.List;

/** A listener that turns wire requests into table batches for its {@link ReceiverContext}. */
public interface Receiver extends Component {
    /** One entry per listener (a receiver with HTTP and gRPC protocols has two). */
    List<ListenerStatus> listeners();

    /**
     * Stops accepting new requests and waits for in-flight ones to finish, freeing the port.
     * Idempotent; {@link #shutdown()} implies it.
     */
    void stopListening();
}
