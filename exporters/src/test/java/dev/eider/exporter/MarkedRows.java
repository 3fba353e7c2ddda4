package dev.eider.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.ColumnType;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Arrow allocators and marked rows for the catalog exporters' tests: each row carries
 * {@code row-<serial>} in its table's first VARCHAR column, so a reader can tell exactly which
 * rows landed. {@link #close()} fails the test on leaked Arrow memory.
 */
public class MarkedRows implements AutoCloseable {
    public final RootAllocator root = new RootAllocator();
    public final BufferAllocator pipeline = root.newChildAllocator("pipeline", 0, Long.MAX_VALUE);
    public final BufferAllocator exporter = root.newChildAllocator("exporter", 0, Long.MAX_VALUE);
    private final List<TableBatch> batches = new ArrayList<>();

    /**
     * The provisioned offline extension directory (exporters/pom.xml runs
     * scripts/provision-duckdb-extensions.sh), checked to hold {@code extension}; missing binaries
     * fail the test, never skip it.
     */
    public static String extensionDirectory(String extension) {
        String dir = System.getProperty("eider.duckdb.extension.dir");
        assertTrue(dir != null && !dir.isBlank(), "system property eider.duckdb.extension.dir is not set; run the "
                + "tests through Maven, which provisions the DuckDB extensions");
        String file = extension + ".duckdb_extension";
        try (var files = Files.walk(Path.of(dir))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals(file)),
                    "no " + file + " under " + dir + "; scripts/provision-duckdb-extensions.sh did not run");
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read the DuckDB extension directory " + dir, e);
        }
        return dir;
    }

    /** The column that carries each row's marker: the table's first VARCHAR column. */
    public static String marker(Table table) {
        return table.columns().stream().filter(c -> c.type() == ColumnType.VARCHAR).findFirst().orElseThrow().name();
    }

    /** The markers of rows {@code first .. first+count-1}. */
    public static List<String> expected(int first, int count) {
        List<String> markers = new ArrayList<>();
        for (int serial = first; serial < first + count; serial++) {
            markers.add("row-" + serial);
        }
        return markers;
    }

    /** Rows {@code first .. first+count-1} of a table; closed with this fixture. */
    public TableBatch batch(Table table, int first, int count) {
        int markerColumn = table.columnIndex(marker(table));
        try (TableBatchBuilder builder = new TableBatchBuilder(table, pipeline)) {
            for (int serial = first; serial < first + count; serial++) {
                builder.startRow();
                builder.setTimestampNanos(0, 1_700_000_000_000_000_000L + serial * 1_000L);
                builder.setString(markerColumn, "row-" + serial);
            }
            TableBatch batch = builder.build();
            batches.add(batch);
            return batch;
        }
    }

    /** A seal of pipeline {@code logs} with rows {@code first .. first+count-1} in each of {@code tables}. */
    public Seal seal(long sequence, boolean maintenanceAllowed, int first, int count, Table... tables) {
        Map<Table, List<TableBatch>> byTable = new EnumMap<>(Table.class);
        for (Table table : tables) {
            byTable.put(table, List.of(batch(table, first, count)));
        }
        return new Seal("logs", sequence, byTable, maintenanceAllowed);
    }

    @Override
    public void close() {
        batches.forEach(TableBatch::close);
        assertEquals(0, exporter.getAllocatedMemory(), "exporter allocator leaked");
        exporter.close();
        pipeline.close();
        root.close();
    }
}
