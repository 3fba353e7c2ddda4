package dev.eider.runtime.component;

import java.util.OptionalLong;

/**
 * An exporter that records, in the same transaction as each seal's rows, the end of the
 * write-ahead log range the seal covers ({@link dev.eider.runtime.seal.Seal#walRange()}). After
 * a crash the runtime replays only the logged requests from that position on, so each one lands
 * in the target exactly once.
 *
 * <p>With a log, a failed seal is retried with the same range (newer requests follow in the next
 * seal), so a target that may have stored a failed seal in part, or whose commit answer was lost,
 * sees the same range again and can skip what it holds.
 */
public interface PositionTrackingExporter extends Exporter {
    /**
     * The exclusive end of the log range last committed for {@code pipelineId}, or empty when no
     * logged seal of that pipeline was ever committed here. Called after {@link #start}.
     */
    OptionalLong committedWalPosition(String pipelineId) throws Exception;

    /**
     * The end of the log range of a seal of {@code pipelineId} that starts at
     * {@link #committedWalPosition} and may be held here only in part (a target that cannot commit
     * a seal as a whole, such as several tables committed one by one, or files). After a crash the
     * runtime then seals exactly that range again first, so the exporter can tell what of it is
     * already stored; everything after it follows in later seals. Empty (the default) when the
     * target commits each seal whole. Called after {@link #start}.
     */
    default OptionalLong unfinishedSealEnd(String pipelineId) throws Exception {
        return OptionalLong.empty();
    }
}
