package dev.eider.runtime.component;

/**
 * Lifecycle shared by every component. {@link #start} must not block for long; {@link #shutdown}
 * must be idempotent and release everything the component holds.
 */
public interface Component {
    default void start(Host host) throws Exception {}

    default void shutdown() throws Exception {}
}
