package dev.eider.exporter.parquet;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one pipeline's unfinished seal already put into files, so the retry writes only the rest
 * (per-table progress: there is no transaction to undo a table already written).
 *
 * <p>The runtime retries a failed seal under a new sequence number, with the same buffered
 * batches first and (without a write-ahead log) possibly newer ones after them. So progress is
 * matched by batch identity:
 * a table's written batches must be the leading batches of the retry's list for that table.
 * Without a log, a table's files are named after the sequence of the attempt that first tried
 * its unwritten rows, so a write that failed halfway (some partitions written) is overwritten, not
 * duplicated; with a log, the retry's range and so its names are the same anyway.
 */
final class PendingSeal {
    private final Map<Table, List<TableBatch>> written = new EnumMap<>(Table.class);
    private final Map<Table, Long> fileSequences = new EnumMap<>(Table.class);

    /** True when {@code seal} carries every batch this record says was written, in the same leading places. */
    boolean continuedBy(Seal seal) {
        for (Map.Entry<Table, List<TableBatch>> entry : written.entrySet()) {
            List<TableBatch> batches = seal.tables().getOrDefault(entry.getKey(), List.of());
            if (leadingCount(entry.getValue(), batches) != entry.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    /** The batches of {@code table} in {@code seal} not yet written. */
    List<TableBatch> unwritten(Seal seal, Table table) {
        List<TableBatch> batches = seal.tables().getOrDefault(table, List.of());
        int done = written.getOrDefault(table, List.of()).size();
        return batches.subList(Math.min(done, batches.size()), batches.size());
    }

    /** The sequence that names the files of the table's unwritten rows: the first attempt's. */
    long fileSequence(Table table, Seal attempt) {
        return fileSequences.computeIfAbsent(table, t -> attempt.sequence());
    }

    void markWritten(Table table, List<TableBatch> batches) {
        written.computeIfAbsent(table, t -> new ArrayList<>()).addAll(batches);
        fileSequences.remove(table);
    }

    private static int leadingCount(List<TableBatch> expected, List<TableBatch> actual) {
        int n = 0;
        while (n < expected.size() && n < actual.size() && expected.get(n) == actual.get(n)) {
            n++;
        }
        return n;
    }
}
