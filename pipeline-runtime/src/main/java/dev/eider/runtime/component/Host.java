package dev.eider.runtime.component;

import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.seal.PipelineStatus;
import dev.eider.runtime.seal.SealRecord;
import java.util.List;
import java.util.Optional;

/** The running collector as components see it (the admin API is built on this). */
public interface Host {
    List<ListenerStatus> receivers();

    List<PipelineStatus> pipelines();

    /** The seal history of every pipeline, oldest first. */
    List<SealRecord> seals();

    /** True while every pipeline is committing rows (the readiness rule of the spec). */
    boolean ready();

    /** Seals everything buffered in one pipeline (or all when empty), synchronously. */
    FlushResult flush(Optional<String> pipelineId);

    /**
     * Seals the receiver's accepted rows and closes its listeners. Returns the listen URIs that
     * were stopped, empty when no receiver has that id.
     */
    List<String> stopReceiver(String receiverId);

    /** Starts a graceful stop of the whole collector; returns at once. */
    void requestShutdown();

    /** The exporters that answer SQL queries, by exporter id (e.g. {@code duckdb/main}). */
    default java.util.Map<String, QueryTarget> queryTargets() {
        return java.util.Map.of();
    }

    /** Extra status lines components publish (e.g. the auth token's origin), by key. */
    default java.util.Map<String, Object> info() {
        return java.util.Map.of();
    }
}
