package dev.eider.runtime.table;

import java.util.ArrayList;
import java.util.List;

/** Gives a second owner the same rows without copying them (Arrow buffers are reference counted). */
public final class TableBatchShare {
    private TableBatchShare() {}

    /** A new TableBatches over the same buffers; each copy is closed by its own owner. */
    public static TableBatches share(TableBatches batches) {
        List<TableBatch> shared = new ArrayList<>(batches.batches().size());
        for (TableBatch b : batches.batches()) {
            shared.add(new TableBatch(b.table(), b.root().slice(0, b.rowCount())));
        }
        return batches.withBatches(shared);
    }
}
