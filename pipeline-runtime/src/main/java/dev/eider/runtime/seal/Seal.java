package dev.eider.runtime.seal;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.util.List;
import java.util.Map;

/**
 * One commit's worth of rows for one exporter: per table (in {@link Table} order) the batches to
 * insert with one statement. The runtime owns the batches; exporters only read them.
 */
public record Seal(String pipelineId, long sequence, Map<Table, List<TableBatch>> tables) {
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
