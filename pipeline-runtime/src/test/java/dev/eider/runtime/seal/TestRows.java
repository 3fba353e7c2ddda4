package dev.eider.runtime.seal;

import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;

/** Builds request batches whose rows carry unique ids, so tests can check each row lands exactly once. */
final class TestRows {
    private TestRows() {}

    /** One table's batch with rows {@code prefix + from} .. {@code prefix + (from + count - 1)}. */
    static TableBatch batch(BufferAllocator allocator, Table table, String prefix, int from, int count) {
        int column = table.columnIndex(idColumn(table));
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (int i = 0; i < count; i++) {
                builder.startRow();
                builder.setString(column, prefix + (from + i));
            }
            return builder.build();
        }
    }

    static TableBatches logs(BufferAllocator allocator, String prefix, int from, int count) {
        return TableBatches.of(List.of(batch(allocator, Table.LOGS, prefix, from, count)));
    }

    static List<String> ids(String prefix, int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + (from + i));
        }
        return ids;
    }

    /** The row ids of a batch, read from its id column. */
    static List<String> ids(TableBatch batch) {
        VarCharVector vector = (VarCharVector) batch.root().getVector(idColumn(batch.table()));
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < batch.rowCount(); row++) {
            ids.add(new String(vector.get(row), StandardCharsets.UTF_8));
        }
        return ids;
    }

    private static String idColumn(Table table) {
        return table == Table.LOGS ? "body" : "name";
    }
}
