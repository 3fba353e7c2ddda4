package dev.eider.receiver.otlp.decode;

import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ResourceValues;
import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ScopeValues;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A signal writer that writes one row per item into a single table. */
abstract class SingleTableRowWriter<T> extends SignalRowWriter<T> {
    private final ResourceScopeColumns shared;
    final TableBatchBuilder rows;

    /** The shared columns come in built once per table, not once per decoded body. */
    SingleTableRowWriter(Table table, ResourceScopeColumns shared, ExportRequestLayout<?, ?, ?, T> layout,
            BufferAllocator allocator) {
        super(layout);
        this.shared = shared;
        rows = new TableBatchBuilder(table, allocator);
    }

    @Override
    final void writeItem(T item, ResourceValues resource, ScopeValues scope) {
        rows.startRow();
        shared.write(rows, resource, scope);
        writeRow(item);
    }

    /** Sets the item's own columns of the row just started. */
    abstract void writeRow(T item);

    @Override
    final TableBatches finish() {
        return rows.rowCount() == 0 ? TableBatches.of(List.of()) : TableBatches.of(List.of(rows.build()));
    }

    @Override
    public final void close() {
        rows.close();
    }
}
