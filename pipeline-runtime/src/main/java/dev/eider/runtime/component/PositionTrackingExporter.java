package dev.eider.runtime.component;

import java.util.OptionalLong;

/**
 * An exporter that records, in the same transaction as each seal's rows, the end of the
 * write-ahead log range the seal covers ({@link dev.eider.runtime.seal.Seal#walRange()}). After
 * a crash the runtime replays only the logged requests from that position on, so each one lands
 * in the target exactly once.
 */
public interface PositionTrackingExporter extends Exporter {
    /**
     * The exclusive end of the log range last committed for {@code pipelineId}, or empty when no
     * logged seal of that pipeline was ever committed here. Called after {@link #start}.
     */
    OptionalLong committedWalPosition(String pipelineId) throws Exception;
}
