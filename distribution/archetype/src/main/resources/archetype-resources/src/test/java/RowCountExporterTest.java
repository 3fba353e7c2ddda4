package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.StubHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter's contract, on the test kit: config binding, then start, seals and shutdown. */
class RowCountExporterTest {
    private final RowCountExporterFactory factory = new RowCountExporterFactory();

    @TempDir
    Path dir;

    @Test
    void bindsItsOneKeyAndReportsAMissingPath() {
        assertEquals(Set.of("path"), ConfigBinding.knownKeys(factory));
        assertEquals(Path.of("out/rows.txt"), ConfigBinding.bind(factory, "path: out/rows.txt").path());
        assertEquals(List.of("exporters::row_count::path: is required: the file the row counts are appended to"),
                ConfigBinding.errors(factory, ""));
    }

    @Test
    void appendsOneLinePerTableAndServiceForEverySeal() throws Exception {
        Path out = dir.resolve("counts/rows.txt");
        RowCountExporter exporter = new RowCountExporter(out);
        try (BufferAllocator allocator = new RootAllocator()) {
            exporter.start(new StubHost());
            try {
                seal(exporter, 1, logs(allocator, "checkout", "checkout", null));
                seal(exporter, 2, logs(allocator, "cart"));
            } finally {
                exporter.shutdown();
            }
            assertEquals(0, allocator.getAllocatedMemory(), "every batch closed");
        }
        assertEquals(List.of(
                "seal=1 pipeline=logs table=otlp_logs service=- rows=1",
                "seal=1 pipeline=logs table=otlp_logs service=checkout rows=2",
                "seal=2 pipeline=logs table=otlp_logs service=cart rows=1"), Files.readAllLines(out));
    }

    private static void seal(RowCountExporter exporter, long sequence, TableBatch batch) throws Exception {
        // the runtime owns a seal's batches and closes them after the seal
        try (batch) {
            exporter.seal(new Seal("logs", sequence, Map.of(Table.LOGS, List.of(batch))));
        }
    }

    private static TableBatch logs(BufferAllocator allocator, String... services) {
        int serviceName = Table.LOGS.columnIndex("service_name");
        try (TableBatchBuilder builder = new TableBatchBuilder(Table.LOGS, allocator)) {
            for (String service : services) {
                builder.startRow();
                builder.setString(serviceName, service);
            }
            return builder.build();
        }
    }
}
