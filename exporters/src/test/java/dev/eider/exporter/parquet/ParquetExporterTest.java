package dev.eider.exporter.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.ExporterAllocators;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.table.ColumnType;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.testkit.StubHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetExporterTest {
    private static final String FILE_NAME = "\\d{8}T\\d{6}Z-[0-9a-f]{8}-%s-%d_0\\.parquet";

    @TempDir
    Path dir;

    private ExporterAllocators allocators;
    private BufferAllocator pipelineAllocator;
    private BufferAllocator exporterAllocator;
    private final List<TableBatch> batches = new ArrayList<>();
    private final List<ParquetExporter> exporters = new ArrayList<>();

    @BeforeEach
    void allocators() {
        allocators = new ExporterAllocators();
        pipelineAllocator = allocators.pipeline();
        exporterAllocator = allocators.exporter();
    }

    @AfterEach
    void noLeaks() throws Exception {
        for (ParquetExporter exporter : exporters) {
            exporter.shutdown();
        }
        batches.forEach(TableBatch::close);
        allocators.close();
    }

    @Test
    void filesLandInDayPartitionsOfTheMainTimestampWithNamesOfPipelineAndSequence() throws Exception {
        ParquetExporter exporter = started(dir);
        SealTiming timing = exporter.seal(new Seal("logs/audit", 7, Map.of(
                Table.LOGS, List.of(batch(Table.LOGS, 0, 4)),
                Table.TRACES, List.of(batch(Table.TRACES, 1, 2)))));

        assertEquals(SealTiming.NONE, timing);
        Set<String> logsDirs = new TreeSet<>(List.of("year=1970/month=01/day=01", partitionOf(1), partitionOf(2), partitionOf(3)));
        assertEquals(Set.of("year=2023/month=11/day=15", "year=2023/month=11/day=16", "year=2023/month=11/day=17"),
                Set.of(partitionOf(1), partitionOf(2), partitionOf(3)));
        assertEquals(logsDirs, partitionDirs(Table.LOGS));
        assertEquals(Set.of(partitionOf(1), partitionOf(2)), partitionDirs(Table.TRACES));
        List<Path> files = files(dir);
        assertEquals(6, files.size());
        for (Path file : files) {
            assertTrue(file.getFileName().toString().matches(String.format(FILE_NAME, "logs\\.audit", 7)), file.toString());
        }
        assertEquals(1, files.stream().map(f -> f.getFileName().toString().substring(0, 25)).distinct().count(),
                "one run id for all files of the exporter");
        assertEquals(Set.of(), partitionDirs(Table.METRICS_SUM));
    }

    @Test
    void everyTableReadsBackValueForValue() throws Exception {
        ParquetExporter exporter = started(dir);
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            tables.put(table, List.of(batch(table, 0, 6), batch(table, 6, 3)));
        }
        exporter.seal(new Seal("metrics", 1, tables));

        try (Connection db = memory()) {
            for (Table table : Table.values()) {
                assertEquals(expectedRows(tables.get(table)), storedRows(db, table), table.tableName());
            }
        }
    }

    @Test
    void retryAfterAFailedTableWritesOnlyTheTablesNotWrittenYet() throws Exception {
        ParquetExporter exporter = started(dir);
        Path blocker = dir.resolve("otlp_logs");
        Files.writeString(blocker, "not a directory");
        TableBatch traces = batch(Table.TRACES, 0, 4);
        TableBatch logs = batch(Table.LOGS, 0, 3);

        assertThrows(SQLException.class, () -> exporter.seal(new Seal("p", 1, Map.of(
                Table.TRACES, List.of(traces), Table.LOGS, List.of(logs)))));
        assertEquals(4, files(dir.resolve("otlp_traces")).size(), "traces come first and were written");

        Files.delete(blocker);
        TableBatch newerTraces = batch(Table.TRACES, 4, 2);
        exporter.seal(new Seal("p", 2, Map.of(
                Table.TRACES, List.of(traces, newerTraces), Table.LOGS, List.of(logs))));

        try (Connection db = memory()) {
            assertEquals(expectedRows(List.of(traces, newerTraces)), storedRows(db, Table.TRACES));
            assertEquals(expectedRows(List.of(logs)), storedRows(db, Table.LOGS));
        }
        assertEquals(4, files(dir.resolve("otlp_traces")).stream().filter(named("p", 1)).count());
        assertEquals(2, files(dir.resolve("otlp_traces")).stream().filter(named("p", 2)).count(),
                "only the newer traces were written by the retry");
        assertTrue(files(dir.resolve("otlp_logs")).stream().allMatch(named("p", 1)),
                "the logs' files are named after the attempt that first tried them");
    }

    @Test
    void aTableWrittenHalfwayIsOverwrittenByTheRetryNotDuplicated() throws Exception {
        ParquetExporter exporter = started(dir);
        Path blockedDay = dir.resolve("otlp_logs").resolve(partitionOf(3));
        Files.createDirectories(blockedDay.getParent());
        Files.writeString(blockedDay, "not a directory");
        List<TableBatch> logs = List.of(batch(Table.LOGS, 0, 5), batch(Table.LOGS, 5, 5));

        assertThrows(SQLException.class, () -> exporter.seal(new Seal("p", 1, Map.of(Table.LOGS, logs))));
        assertEquals(List.of(blockedDay), files(dir.resolve("otlp_logs")),
                "the files the failed write left (truncated) are deleted");
        Files.delete(blockedDay);
        exporter.seal(new Seal("p", 2, Map.of(Table.LOGS, logs)));

        try (Connection db = memory()) {
            assertEquals(expectedRows(logs), storedRows(db, Table.LOGS));
        }
        assertTrue(files(dir.resolve("otlp_logs")).stream().allMatch(named("p", 1)));
    }

    @Test
    void aSealThatDoesNotContinueTheFailedOneStartsAfresh() throws Exception {
        ParquetExporter exporter = started(dir);
        Path blocker = dir.resolve("otlp_logs");
        Files.writeString(blocker, "not a directory");
        TableBatch traces = batch(Table.TRACES, 0, 2);
        assertThrows(SQLException.class, () -> exporter.seal(new Seal("p", 1, Map.of(
                Table.TRACES, List.of(traces), Table.LOGS, List.of(batch(Table.LOGS, 0, 2))))));
        Files.delete(blocker);

        TableBatch otherTraces = batch(Table.TRACES, 10, 2);
        exporter.seal(new Seal("p", 2, Map.of(Table.TRACES, List.of(otherTraces))));

        try (Connection db = memory()) {
            assertEquals(expectedRows(List.of(traces, otherTraces)), storedRows(db, Table.TRACES));
        }
    }

    @Test
    void pipelinesKeepTheirOwnProgress() throws Exception {
        ParquetExporter exporter = started(dir);
        Path blocker = dir.resolve("otlp_logs");
        Files.writeString(blocker, "not a directory");
        TableBatch traces = batch(Table.TRACES, 0, 2);
        TableBatch logs = batch(Table.LOGS, 0, 2);
        assertThrows(SQLException.class, () -> exporter.seal(new Seal("traces", 1, Map.of(
                Table.TRACES, List.of(traces), Table.LOGS, List.of(logs)))));

        TableBatch otherTraces = batch(Table.TRACES, 10, 2);
        exporter.seal(new Seal("traces/other", 2, Map.of(Table.TRACES, List.of(otherTraces))));
        Files.delete(blocker);
        exporter.seal(new Seal("traces", 3, Map.of(Table.TRACES, List.of(traces), Table.LOGS, List.of(logs))));

        try (Connection db = memory()) {
            assertEquals(expectedRows(List.of(traces, otherTraces)), storedRows(db, Table.TRACES));
            assertEquals(expectedRows(List.of(logs)), storedRows(db, Table.LOGS));
        }
    }

    @Test
    void aRestartedExporterDoesNotOverwriteTheFilesOfTheRunBefore() throws Exception {
        TableBatch logs = batch(Table.LOGS, 1, 1);
        ParquetExporter first = started(dir);
        first.seal(new Seal("logs", 1, Map.of(Table.LOGS, List.of(logs))));
        first.shutdown();
        ParquetExporter second = started(dir);
        second.seal(new Seal("logs", 1, Map.of(Table.LOGS, List.of(logs))));

        assertEquals(2, files(dir).size());
        try (Connection db = memory()) {
            assertEquals(expectedRows(List.of(logs, logs)), storedRows(db, Table.LOGS));
        }
    }

    @Test
    void aLoggedSealIsNamedAfterItsLogRangeAndItsReplayOverwritesTheSameFiles() throws Exception {
        ParquetExporter first = started(dir);
        assertEquals(OptionalLong.empty(), first.committedWalPosition("logs/audit"));
        first.seal(logged("logs/audit", 1, Map.of(Table.LOGS, List.of(batch(Table.LOGS, 0, 4)),
                Table.TRACES, List.of(batch(Table.TRACES, 1, 2))), 0, 3));
        List<Path> written = files(dir);
        assertEquals(6, written.size());
        assertTrue(written.stream().allMatch(f -> f.getFileName().toString().equals("logs.audit-wal-0-3_0.parquet")),
                written.toString());
        // The crash: the log still holds the range, so the restarted collector seals it again.
        first.shutdown();
        ParquetExporter second = started(dir);
        assertEquals(OptionalLong.of(0), second.committedWalPosition("logs/audit"));
        assertEquals(OptionalLong.of(3), second.unfinishedSealEnd("logs/audit"));
        List<TableBatch> logs = List.of(batch(Table.LOGS, 0, 4));
        List<TableBatch> traces = List.of(batch(Table.TRACES, 1, 2));
        second.seal(logged("logs/audit", 1, Map.of(Table.LOGS, logs, Table.TRACES, traces), 0, 3));

        assertEquals(Set.copyOf(written), Set.copyOf(files(dir)), "the same files, overwritten");
        try (Connection db = memory()) {
            assertEquals(expectedRows(logs), storedRows(db, Table.LOGS));
            assertEquals(expectedRows(traces), storedRows(db, Table.TRACES));
        }
        second.seal(logged("logs/audit", 2, Map.of(Table.LOGS, List.of(batch(Table.LOGS, 10, 1))), 3, 5));
        assertEquals(OptionalLong.of(3), second.committedWalPosition("logs/audit"));
        assertEquals(OptionalLong.of(5), second.unfinishedSealEnd("logs/audit"));
        assertEquals(OptionalLong.empty(), second.committedWalPosition("logs"), "another pipeline's files are its own");
    }

    @Test
    void aLoggedSealCutShortByACrashIsCompletedByItsReplayWithoutCopies() throws Exception {
        ParquetExporter first = started(dir);
        Path blocker = dir.resolve("otlp_logs");
        Files.writeString(blocker, "not a directory");
        assertThrows(SQLException.class, () -> first.seal(logged("p", 1, Map.of(
                Table.TRACES, List.of(batch(Table.TRACES, 0, 4)), Table.LOGS, List.of(batch(Table.LOGS, 0, 3))), 5, 8)));
        assertEquals(4, files(dir.resolve("otlp_traces")).size(), "traces come first and were written");
        first.shutdown();
        Files.delete(blocker);

        ParquetExporter second = started(dir);
        assertEquals(OptionalLong.of(5), second.committedWalPosition("p"));
        assertEquals(OptionalLong.of(8), second.unfinishedSealEnd("p"));
        TableBatch traces = batch(Table.TRACES, 0, 4);
        TableBatch logs = batch(Table.LOGS, 0, 3);
        second.seal(logged("p", 1, Map.of(Table.TRACES, List.of(traces), Table.LOGS, List.of(logs)), 5, 8));
        try (Connection db = memory()) {
            assertEquals(expectedRows(List.of(traces)), storedRows(db, Table.TRACES));
            assertEquals(expectedRows(List.of(logs)), storedRows(db, Table.LOGS));
        }
        assertEquals(4, files(dir.resolve("otlp_traces")).size());
    }

    @Test
    void theRetryOfALoggedSealDoesNotRewriteTheTablesItWrote() throws Exception {
        ParquetExporter exporter = started(dir);
        Path blocker = dir.resolve("otlp_logs");
        Files.writeString(blocker, "not a directory");
        TableBatch traces = batch(Table.TRACES, 0, 4);
        TableBatch logs = batch(Table.LOGS, 0, 3);
        Seal seal = logged("p", 1, Map.of(Table.TRACES, List.of(traces), Table.LOGS, List.of(logs)), 0, 2);
        assertThrows(SQLException.class, () -> exporter.seal(seal));
        FileTime longAgo = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));
        for (Path file : files(dir.resolve("otlp_traces"))) {
            Files.setLastModifiedTime(file, longAgo);
        }
        Files.delete(blocker);
        // The runtime retries a failed seal of a logged pipeline with the same range and batches.
        exporter.seal(new Seal("p", 2, seal.tables(), false, seal.walRange()));

        for (Path file : files(dir.resolve("otlp_traces"))) {
            assertEquals(longAgo, Files.getLastModifiedTime(file), file.toString());
        }
        try (Connection db = memory()) {
            assertEquals(expectedRows(List.of(traces)), storedRows(db, Table.TRACES));
            assertEquals(expectedRows(List.of(logs)), storedRows(db, Table.LOGS));
        }
        assertTrue(files(dir).stream().allMatch(f -> f.getFileName().toString().startsWith("p-wal-0-2_")));
    }

    @Test
    void viewsReadTheFilesWithAndWithoutPromotedColumns() throws Exception {
        ParquetExporter exporter = started(dir.resolve("nested/root"));
        TableBatch plain = batch(Table.LOGS, 1, 3);
        TableBatch promoted = withHostColumn(batch(Table.LOGS, 11, 2), "node-1");
        exporter.seal(new Seal("logs", 1, Map.of(Table.LOGS, List.of(plain))));
        exporter.seal(new Seal("logs/promoted", 2, Map.of(Table.LOGS, List.of(promoted))));

        try (Connection db = memory()) {
            exporter.views().createViews(db);
            assertEquals(List.of("5"), column(db, "SELECT count(*) FROM otlp_logs"));
            assertEquals(List.of("node-1", "node-1", "NULL", "NULL", "NULL"),
                    column(db, "SELECT resource_attr_host_name FROM otlp_logs ORDER BY resource_attr_host_name NULLS LAST"));
            assertEquals(List.of("ü'body#1", "ü'body#11", "ü'body#12", "ü'body#2", "ü'body#3"),
                    column(db, "SELECT body FROM otlp_logs ORDER BY body"));
            assertEquals(List.of("2023-15", "2023-16", "2023-17", "2023-25", "2023-26"),
                    column(db, "SELECT year || '-' || day FROM otlp_logs ORDER BY day"));
            assertEquals(List.of("0"), column(db, "SELECT count(*) FROM otlp_traces"));
            assertEquals(Table.TRACES.columns().size() + 3, column(db, "DESCRIBE otlp_traces").size());

            exporter.seal(new Seal("traces", 3, Map.of(Table.TRACES, List.of(batch(Table.TRACES, 1, 2)))));
            exporter.views().createViews(db);
            assertEquals(List.of("2"), column(db, "SELECT count(*) FROM otlp_traces"));
        }
    }

    @Test
    void viewSqlReadsTheTableDirectoryWithHivePartitions() {
        assertEquals("SELECT * FROM read_parquet('s3://bucket/eider/otlp_logs/**/*.parquet',"
                        + " hive_partitioning = true, union_by_name = true)",
                new ParquetViews("s3://bucket/eider/").viewSql(Table.LOGS));
    }

    @Test
    void startFailsWhenThePathIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        ParquetExporter exporter = new ParquetExporter(ComponentId.parse("parquet"), exporterAllocator,
                new ParquetConfig(file.toString(), Optional.empty()));
        Exception e = assertThrows(Exception.class, () -> exporter.start(new StubHost()));
        assertEquals("path " + file + " exists and is not a directory", e.getMessage());
    }

    private ParquetExporter started(Path path) throws Exception {
        ParquetExporter exporter = new ParquetExporter(ComponentId.parse("parquet"), exporterAllocator,
                new ParquetConfig(path.toString(), Optional.empty()));
        exporter.start(new StubHost());
        exporters.add(exporter);
        return exporter;
    }

    private static Seal logged(String pipeline, long sequence, Map<Table, List<TableBatch>> tables, long from, long to) {
        return new Seal(pipeline, sequence, tables, false, new WalRange(from, to));
    }

    private TableBatch batch(Table table, int firstSerial, int rows) {
        TableBatch batch = Rows.batch(table, pipelineAllocator, firstSerial, rows);
        batches.add(batch);
        return batch;
    }

    /** The batch with a trailing promoted column whose every value is {@code host}. */
    private TableBatch withHostColumn(TableBatch base, String host) {
        batches.remove(base);
        List<FieldVector> vectors = new ArrayList<>(base.root().getFieldVectors());
        VarCharVector column = new VarCharVector("resource_attr_host_name", pipelineAllocator);
        column.allocateNew();
        for (int i = 0; i < base.rowCount(); i++) {
            column.setSafe(i, host.getBytes(StandardCharsets.UTF_8));
        }
        column.setValueCount(base.rowCount());
        vectors.add(column);
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(base.rowCount());
        TableBatch promoted = new TableBatch(base.table(), root);
        batches.add(promoted);
        return promoted;
    }

    private static String partitionOf(int serial) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(0, Rows.BASE_NANOS + serial * Rows.DAY_NANOS), ZoneOffset.UTC);
        return String.format("year=%04d/month=%02d/day=%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
    }

    private Set<String> partitionDirs(Table table) throws Exception {
        Path tableDir = dir.resolve(table.tableName());
        if (!Files.exists(tableDir)) {
            return Set.of();
        }
        return files(tableDir).stream().map(f -> tableDir.relativize(f.getParent()).toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> files(Path under) throws Exception {
        try (Stream<Path> walk = Files.walk(under)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static java.util.function.Predicate<Path> named(String pipeline, long sequence) {
        return f -> f.getFileName().toString().matches(String.format(FILE_NAME, pipeline, sequence));
    }

    private static Connection memory() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /** Each row as its column values' text, sorted (files are read in no particular order). */
    private static List<String> expectedRows(List<TableBatch> batches) {
        List<String> rows = new ArrayList<>();
        for (TableBatch batch : batches) {
            List<FieldVector> vectors = batch.root().getFieldVectors();
            for (int r = 0; r < batch.rowCount(); r++) {
                List<String> values = new ArrayList<>();
                for (FieldVector v : vectors) {
                    Object value = v.getObject(r);
                    values.add(value instanceof List<?> list ? new ArrayList<>(list).toString() : String.valueOf(value));
                }
                rows.add(String.join(" | ", values).replace("null", "NULL"));
            }
        }
        rows.sort(null);
        return rows;
    }

    private List<String> storedRows(Connection db, Table table) throws SQLException {
        String glob = new ParquetViews(dir.toString()).fileGlob(table);
        List<String> rows = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * EXCLUDE (year, month, day) FROM read_parquet('"
                        + glob + "', hive_partitioning = true)")) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < table.columns().size(); c++) {
                    values.add(text(rs, c + 1, table.columns().get(c).type()));
                }
                rows.add(String.join(" | ", values));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static String text(ResultSet rs, int column, ColumnType type) throws SQLException {
        Object value = type == ColumnType.TIMESTAMP ? rs.getObject(column, LocalDateTime.class) : rs.getObject(column);
        if (value instanceof Array array) {
            value = Arrays.asList((Object[]) array.getArray());
        }
        return value == null ? "NULL" : value.toString();
    }

    private static List<String> column(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(String.valueOf(rs.getObject(1)).replace("null", "NULL"));
            }
        }
        return values;
    }
}
