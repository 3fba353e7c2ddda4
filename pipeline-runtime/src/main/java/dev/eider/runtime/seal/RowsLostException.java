package dev.eider.runtime.seal;

/**
 * A graceful stop that could not seal everything accepted before its deadline: names the
 * pipeline and how many accepted rows were not committed on every exporter.
 */
public final class RowsLostException extends RuntimeException {
    private final String pipelineId;
    private final long unsealedRows;

    RowsLostException(String pipelineId, long unsealedRows, String detail) {
        super("pipeline " + pipelineId + ": " + unsealedRows + " accepted rows were not sealed before the stop deadline"
                + (detail == null ? "" : " (" + detail + ")"));
        this.pipelineId = pipelineId;
        this.unsealedRows = unsealedRows;
    }

    public String pipelineId() {
        return pipelineId;
    }

    public long unsealedRows() {
        return unsealedRows;
    }
}
