package dev.eider.example;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Drops log rows below a severity. Rows with no severity are kept: dropping what cannot be
 * judged would lose data silently.
 */
final class SeverityFilter implements Processor {
    private static final int SEVERITY = Table.LOGS.columnIndex("severity_number");

    private final int minSeverityNumber;

    SeverityFilter(int minSeverityNumber) {
        this.minSeverityNumber = minSeverityNumber;
    }

    @Override
    public TableBatches process(TableBatches batches) {
        List<TableBatch> kept = new ArrayList<>(batches.batches().size());
        for (TableBatch batch : batches.batches()) {
            kept.add(batch.table() == Table.LOGS ? filter(batch) : batch);
        }
        return batches.withBatches(kept);
    }

    private TableBatch filter(TableBatch batch) {
        VectorSchemaRoot source = batch.root();
        IntVector severity = (IntVector) source.getVector(SEVERITY);
        VectorSchemaRoot target = VectorSchemaRoot.create(source.getSchema(), severity.getAllocator());
        target.allocateNew();
        int out = 0;
        for (int row = 0; row < source.getRowCount(); row++) {
            if (severity.isNull(row) || severity.get(row) >= minSeverityNumber) {
                for (int c = 0; c < source.getFieldVectors().size(); c++) {
                    target.getVector(c).copyFromSafe(row, out, source.getVector(c));
                }
                out++;
            }
        }
        target.setRowCount(out);
        batch.close();
        return new TableBatch(Table.LOGS, target);
    }
}
