package dev.eider.runtime.seal;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.util.List;
import java.util.Map;

/**
 * One commit's worth of rows for one exporter: per table (in {@link Table} order) the batches to
 * insert with one statement. The runtime owns the batches; exporters only read them.
 *
 * @param maintenanceAllowed true when catalog maintenance may follow this seal (rule 10): an age
 *     trigger asked for it (not a flush or a drain, which someone waits on) and everything
 *     buffered, this seal included, stays under {@code seal_target_bytes} (ingest leaves headroom)
 * @param walRange the write-ahead log records this seal holds, or null when the pipeline keeps no
 *     log ({@code ack: buffered} or {@code committed})
 */
public record Seal(String pipelineId, long sequence, Map<Table, List<TableBatch>> tables, boolean maintenanceAllowed,
        WalRange walRange) {
    /** A seal after which no maintenance runs. */
    public Seal(String pipelineId, long sequence, Map<Table, List<TableBatch>> tables) {
        this(pipelineId, sequence, tables, false);
    }

    /** A seal of a pipeline that keeps no write-ahead log. */
    public Seal(String pipelineId, long sequence, Map<Table, List<TableBatch>> tables, boolean maintenanceAllowed) {
        this(pipelineId, sequence, tables, maintenanceAllowed, null);
    }

    public long rowCount() {
        long rows = 0;
        for (List<TableBatch> batches : tables.values()) {
            for (TableBatch b : batches) {
                rows += b.rowCount();
            }
        }
        return rows;
    }
}
