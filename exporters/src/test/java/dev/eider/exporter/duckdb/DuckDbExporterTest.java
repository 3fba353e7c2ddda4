package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.ExporterAllocators;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.ColumnType;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbExporterTest {
    private static final List<Column> HOST_NAME = List.of(new Column("resource_attr_host_name", ColumnType.VARCHAR));

    @TempDir
    Path dir;

    private ExporterAllocators allocators;
    private BufferAllocator pipelineAllocator;
    private BufferAllocator exporterAllocator;
    private final List<TableBatch> batches = new ArrayList<>();
    private final List<DuckDbExporter> exporters = new ArrayList<>();

    @BeforeEach
    void allocators() {
        allocators = new ExporterAllocators();
        pipelineAllocator = allocators.pipeline();
        exporterAllocator = allocators.exporter();
    }

    /** Every test ends by proving that no Arrow buffer leaked (close() throws on a leak). */
    @AfterEach
    void noLeaks() throws Exception {
        for (DuckDbExporter exporter : exporters) {
            exporter.shutdown();
        }
        batches.forEach(TableBatch::close);
        allocators.close();
    }

    @Test
    void sealsAllSixTablesWithEveryValueAndType() throws Exception {
        Path file = dir.resolve("all.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        SealTiming timing = exporter.seal(seal(1, 0, 7));
        assertTrue(timing.appendDurationMs() >= 0 && timing.commitDurationMs() >= 0);
        exporter.shutdown();

        try (Connection db = open(file)) {
            for (Table table : Table.values()) {
                assertColumnTypes(db, "main", table);
                assertRows(db, "main", table, IntStream.range(0, 7));
            }
            assertEquals("2023-11-14 22:13:20.123456", single(db,
                    "SELECT CAST(time_unix_nano AS VARCHAR) FROM otlp_logs WHERE service_name = 'service_name#0'"));
        }
    }

    @Test
    void shutdownIsIdempotent() throws Exception {
        DuckDbExporter exporter = started(config(dir.resolve("twice.duckdb"), "main", true));
        exporter.shutdown();
        exporter.shutdown();
        assertThrows(IllegalStateException.class, () -> exporter.seal(seal(1, 0, 1)));
    }

    @Test
    void severalBatchesOfATableGoInOneInsert() throws Exception {
        Path file = dir.resolve("batches.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        try (Connection observer = open(file)) {
            execute(observer, "CALL enable_logging('QueryLog')");
            Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
            tables.put(Table.LOGS, List.of(batch(Table.LOGS, 0, 5), batch(Table.LOGS, 5, 1), batch(Table.LOGS, 6, 4)));
            tables.put(Table.METRICS_SUM, List.of(batch(Table.METRICS_SUM, 0, 2), batch(Table.METRICS_SUM, 2, 2)));
            exporter.seal(new Seal("p", 1, tables));

            List<String> inserts = strings(observer, "SELECT message FROM duckdb_logs"
                    + " WHERE type = 'QueryLog' AND message ILIKE 'INSERT%' ORDER BY timestamp");
            assertEquals(2, inserts.size(), inserts.toString());
            assertTrue(inserts.get(0).contains("\"otlp_logs\""), inserts.get(0));
            assertTrue(inserts.get(1).contains("\"otlp_metrics_sum\""), inserts.get(1));
            assertRows(observer, "main", Table.LOGS, IntStream.range(0, 10));
            assertRows(observer, "main", Table.METRICS_SUM, IntStream.range(0, 4));
        }
    }

    @Test
    void aFailingTableRollsBackTheWholeSealAndARetryCommitsItOnce() throws Exception {
        Path file = dir.resolve("rollback.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        Seal seal = seal(1, 0, 4);
        try (Connection other = open(file)) {
            execute(other, "DROP TABLE otlp_logs");
            Exception failure = assertThrows(Exception.class, () -> exporter.seal(seal));
            assertTrue(failure.getMessage().contains("otlp_logs"), failure.getMessage());
            // otlp_traces is inserted before otlp_logs fails; the rollback must have undone it
            assertEquals(0L, single(other, "SELECT count(*) FROM otlp_traces"));

            execute(other, Table.LOGS.createTableSql("main.otlp_logs"));
            exporter.seal(seal);
            for (Table table : Table.values()) {
                assertRows(other, "main", table, IntStream.range(0, 4));
            }
        }
    }

    @Test
    void theLogPositionCommitsWithTheRowsOrNotAtAllAndOutlivesARestart() throws Exception {
        Path file = dir.resolve("positions.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        assertEquals(OptionalLong.empty(), exporter.committedWalPosition("logs"));
        Seal first = logged(seal(1, 0, 4), 0, 4);
        try (Connection other = open(file)) {
            execute(other, "DROP TABLE otlp_logs");
            assertThrows(Exception.class, () -> exporter.seal(first));
            assertEquals(OptionalLong.empty(), exporter.committedWalPosition("logs"), "rolled back with the rows");
            execute(other, Table.LOGS.createTableSql("main.otlp_logs"));
        }
        exporter.seal(first);
        assertEquals(OptionalLong.of(4), exporter.committedWalPosition("logs"));
        exporter.shutdown();

        DuckDbExporter restarted = started(config(file, "main", true));
        assertEquals(OptionalLong.of(4), restarted.committedWalPosition("logs"));
        restarted.seal(logged(seal(2, 4, 2), 4, 6));
        assertEquals(OptionalLong.of(6), restarted.committedWalPosition("logs"));
        assertEquals(OptionalLong.empty(), restarted.committedWalPosition("traces"));
        restarted.shutdown();
        try (Connection db = open(file)) {
            assertEquals(6L, single(db, "SELECT count(*) FROM otlp_logs"));
            assertEquals("logs 4 6 2", single(db, "SELECT concat_ws(' ', pipeline, wal_from, wal_to, seal_sequence)"
                    + " FROM main.eider_seal_positions"));
        }
    }

    @Test
    void aLoggedSealGivenAgainAfterItCommittedStoresNothingTwice() throws Exception {
        Path file = dir.resolve("lost-answer.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        Seal seal = logged(seal(1, 0, 3), 0, 3);
        exporter.seal(seal);
        // The retry of a seal whose commit landed but whose answer was lost: same range, same rows.
        exporter.seal(new Seal("logs", 2, seal.tables(), false, seal.walRange()));
        exporter.seal(logged(seal(3, 3, 1), 3, 4));
        exporter.shutdown();
        try (Connection db = open(file)) {
            for (Table table : Table.values()) {
                assertEquals(4L, single(db, "SELECT count(*) FROM " + table.tableName()), table.tableName());
            }
        }
    }

    private static Seal logged(Seal seal, long from, long to) {
        return new Seal("logs", seal.sequence(), seal.tables(), false, new WalRange(from, to));
    }

    @Test
    void aFailureWhileDuckDbScansTheStreamRollsBackAndReleasesEverything() throws Exception {
        Path file = dir.resolve("constraint.duckdb");
        try (Connection db = open(file)) {
            for (Table table : Table.values()) {
                execute(db, table.createTableSql(table.tableName()));
            }
            // same names and types, so validation passes; the CHECK fails at execution time
            execute(db, "DROP TABLE otlp_metrics_sum");
            execute(db, Table.METRICS_SUM.createTableSql("otlp_metrics_sum")
                    .replace("\"is_monotonic\" BOOLEAN", "\"is_monotonic\" BOOLEAN CHECK (is_monotonic IS NULL)"));
        }
        DuckDbExporter exporter = started(config(file, "main", false));
        Exception failure = assertThrows(Exception.class, () -> exporter.seal(seal(1, 0, 3)));
        assertTrue(failure.getMessage().contains("CHECK"), failure.getMessage());
        exporter.shutdown();
        try (Connection db = open(file)) {
            for (Table table : Table.values()) {
                assertEquals(0L, single(db, "SELECT count(*) FROM " + table.tableName()), table.tableName());
            }
            assertEquals(0L, single(db, "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'eider%'"));
        }
    }

    @Test
    void anEmptySealWritesNothing() throws Exception {
        Path file = dir.resolve("empty.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        tables.put(Table.LOGS, List.of(batch(Table.LOGS, 0, 0)));
        assertEquals(SealTiming.NONE, exporter.seal(new Seal("p", 1, tables)));
    }

    @Test
    void missingTablesFailStartWhenNotCreating() throws Exception {
        Path file = dir.resolve("missing.duckdb");
        try (Connection db = open(file)) {
            for (Table table : List.of(Table.TRACES, Table.LOGS, Table.METRICS_GAUGE)) {
                execute(db, table.createTableSql(table.tableName()));
            }
        }
        String message = startFailure(config(file, "main", false));
        assertTrue(message.contains("table main.otlp_metrics_sum does not exist"), message);
        assertTrue(message.contains(file.toAbsolutePath().toString()), message);
    }

    @Test
    void aMismatchingColumnFailsStartNamingTableColumnAndTypes() throws Exception {
        Path file = createdAndAltered("mismatch.duckdb", "ALTER TABLE otlp_logs ALTER severity_number TYPE BIGINT");
        String message = startFailure(config(file, "main", false));
        assertTrue(message.contains("table main.otlp_logs"), message);
        assertTrue(message.contains("column 8: expected severity_number INTEGER, found severity_number BIGINT"), message);
    }

    @Test
    void createTablesStillValidatesTablesThatAlreadyExist() throws Exception {
        Path file = createdAndAltered("renamed.duckdb", "ALTER TABLE otlp_traces RENAME COLUMN kind TO span_kind");
        String message = startFailure(config(file, "main", true));
        assertTrue(message.contains("table main.otlp_traces"), message);
        assertTrue(message.contains("expected kind INTEGER, found span_kind INTEGER"), message);
    }

    @Test
    void aTableWithTooFewColumnsFailsStart() throws Exception {
        Path file = createdAndAltered("short.duckdb", "ALTER TABLE otlp_metrics_gauge DROP COLUMN exemplars_json");
        String message = startFailure(config(file, "main", false));
        assertTrue(message.contains("table main.otlp_metrics_gauge"), message);
        assertTrue(message.contains("expected exemplars_json VARCHAR, found no column"), message);
    }

    @Test
    void extraTrailingColumnsValidateAndStayNull() throws Exception {
        Path file = createdAndAltered("promoted.duckdb", "ALTER TABLE otlp_logs ADD COLUMN resource_attr_host_name VARCHAR");
        DuckDbExporter exporter = started(config(file, "main", false));
        exporter.seal(seal(1, 0, 3));
        exporter.shutdown();
        try (Connection db = open(file)) {
            assertRows(db, "main", Table.LOGS, IntStream.range(0, 3));
            assertEquals(0L, single(db, "SELECT count(resource_attr_host_name) FROM otlp_logs"));
        }
    }

    @Test
    void promotedColumnsCarriedByTheBatchLandInTheTrailingColumns() throws Exception {
        Path file = createdAndAltered("promoted-values.duckdb", "ALTER TABLE otlp_logs ADD COLUMN resource_attr_host_name VARCHAR");
        TableBatch withPromoted = logsWithHostName(3, "node-1");
        DuckDbExporter exporter = started(config(file, "main", false));
        exporter.seal(new Seal("p", 1, Map.of(Table.LOGS, List.of(withPromoted))));
        exporter.shutdown();
        try (Connection db = open(file)) {
            assertRows(db, "main", Table.LOGS, IntStream.range(0, 3));
            assertEquals(List.of("node-1"), strings(db, "SELECT resource_attr_host_name FROM otlp_logs"
                    + " WHERE resource_attr_host_name IS NOT NULL"));
        }
    }

    @Test
    void promotedColumnsAreAddedToEveryTableAndTheirValuesLand() throws Exception {
        Path file = dir.resolve("added.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true), HOST_NAME);
        exporter.seal(new Seal("p", 1, Map.of(Table.LOGS, List.of(logsWithHostName(2, "node-1")))));
        exporter.shutdown();
        try (Connection db = open(file)) {
            for (Table table : Table.values()) {
                assertEquals("VARCHAR", single(db, "SELECT data_type FROM information_schema.columns WHERE table_name = '"
                        + table.tableName() + "' AND column_name = 'resource_attr_host_name'"), table.tableName());
            }
            assertEquals(List.of("node-1"), strings(db, "SELECT resource_attr_host_name FROM otlp_logs"
                    + " WHERE resource_attr_host_name IS NOT NULL"));
        }
        // The next start finds the column in place, also when it may not create anything.
        started(config(file, "main", false), HOST_NAME).shutdown();
    }

    @Test
    void aMissingPromotedColumnFailsStartNamingTheAlterWhenNotCreating() throws Exception {
        Path file = dir.resolve("unpromoted.duckdb");
        createAllTables(file, "main");
        String message = startFailure(config(file, "main", false), HOST_NAME);
        assertTrue(message.contains("table main.otlp_traces in " + file.toAbsolutePath()
                + " has no column resource_attr_host_name"), message);
        assertTrue(message.contains("ALTER TABLE \"main\".\"otlp_traces\" ADD COLUMN IF NOT EXISTS"
                + " \"resource_attr_host_name\" VARCHAR"), message);
    }

    @Test
    void aPromotedColumnOfAnotherTypeFailsStart() throws Exception {
        Path file = createdAndAltered("mistyped.duckdb", "ALTER TABLE otlp_logs ADD COLUMN resource_attr_host_name BIGINT");
        String message = startFailure(config(file, "main", true), HOST_NAME);
        assertTrue(message.contains("table main.otlp_logs in " + file.toAbsolutePath()
                + " column resource_attr_host_name holds a promoted attribute: expected VARCHAR, found BIGINT"), message);
    }

    @Test
    void batchColumnsTheTableLacksAreLeftOutSoTheRowsLand() throws Exception {
        Path file = dir.resolve("unwidened.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        exporter.seal(new Seal("p", 1, Map.of(Table.LOGS, List.of(logsWithHostName(3, "node-1")))));
        exporter.shutdown();
        try (Connection db = open(file)) {
            assertRows(db, "main", Table.LOGS, IntStream.range(0, 3));
            assertEquals(0L, single(db, "SELECT count(*) FROM information_schema.columns"
                    + " WHERE column_name = 'resource_attr_host_name'"));
        }
    }

    @Test
    void batchesOfOneTableWithDifferentColumnsFailTheSeal() throws Exception {
        Path file = dir.resolve("different.duckdb");
        DuckDbExporter exporter = started(config(file, "main", true));
        TableBatch full = batch(Table.LOGS, 0, 2);
        VectorSchemaRoot fewer = new VectorSchemaRoot(List.of(
                (FieldVector) Table.LOGS.arrowSchema().getFields().get(0).createVector(pipelineAllocator)));
        TableBatch oneColumn = new TableBatch(Table.LOGS, fewer);
        batches.add(oneColumn);
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        tables.put(Table.TRACES, List.of(batch(Table.TRACES, 0, 2)));
        tables.put(Table.LOGS, List.of(full, oneColumn));
        Exception failure = assertThrows(IllegalArgumentException.class, () -> exporter.seal(new Seal("p", 1, tables)));
        assertTrue(failure.getMessage().startsWith("batches of otlp_logs differ in their columns"), failure.getMessage());
        exporter.shutdown();
        try (Connection db = open(file)) {
            assertEquals(0L, single(db, "SELECT count(*) FROM otlp_traces"));
        }
    }

    @Test
    void writesIntoAnotherSchemaCreatingIt() throws Exception {
        Path file = dir.resolve("schema.duckdb");
        DuckDbExporter exporter = started(config(file, "telemetry", true));
        exporter.seal(seal(1, 0, 2));
        exporter.seal(seal(2, 2, 3));
        exporter.shutdown();
        try (Connection db = open(file)) {
            for (Table table : Table.values()) {
                assertColumnTypes(db, "telemetry", table);
                assertRows(db, "telemetry", table, IntStream.range(0, 5));
            }
            assertEquals(0L, single(db, "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'main' AND table_name LIKE 'otlp%'"));
        }
    }

    @Test
    void inMemoryDatabaseWorks() throws Exception {
        DuckDbExporter exporter = started(new DuckDbConfig(":memory:", "main", true, Optional.empty()));
        // the exporter checks DuckDB's reported insert count against the seal's rows
        exporter.seal(seal(1, 0, 3));
        exporter.seal(seal(2, 3, 2));
    }

    @Test
    void setsTheExtensionDirectory() throws Exception {
        Path file = dir.resolve("ext.duckdb");
        Path extensions = Files.createDirectory(dir.resolve("it's extensions"));
        started(new DuckDbConfig(file.toString(), "main", true, Optional.of(extensions.toString())));
        try (Connection db = open(file)) {
            assertEquals(extensions.toString(), single(db, "SELECT current_setting('extension_directory')"));
        }
    }

    @Test
    void aMissingDirectoryFailsStartNamingThePath() {
        Path file = dir.resolve("no-such-dir").resolve("x.duckdb");
        String message = startFailure(config(file, "main", true));
        assertTrue(message.contains("cannot open DuckDB database " + file.toAbsolutePath()), message);
    }

    @Test
    void aFileLockedByAnotherProcessFailsStartNamingThePath() throws Exception {
        Path file = dir.resolve("locked.duckdb");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        DuckDbLockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            String message = startFailure(config(file, "main", true));
            assertTrue(message.contains("cannot open DuckDB database " + file.toAbsolutePath()), message);
            assertTrue(message.toLowerCase().contains("lock"), message);
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static DuckDbConfig config(Path file, String schema, boolean createTables) {
        return new DuckDbConfig(file.toString(), schema, createTables, Optional.empty());
    }

    private DuckDbExporter started(DuckDbConfig config) throws Exception {
        return started(config, List.of());
    }

    private DuckDbExporter started(DuckDbConfig config, List<Column> extraColumns) throws Exception {
        DuckDbExporter exporter = new DuckDbExporter(ComponentId.of("duckdb"), exporterAllocator, config, extraColumns);
        exporters.add(exporter);
        exporter.start(null);
        return exporter;
    }

    private String startFailure(DuckDbConfig config) {
        return startFailure(config, List.of());
    }

    private String startFailure(DuckDbConfig config, List<Column> extraColumns) {
        DuckDbExporter exporter = new DuckDbExporter(ComponentId.of("duckdb"), exporterAllocator, config, extraColumns);
        Exception failure = assertThrows(Exception.class, () -> exporter.start(null));
        return failure.getMessage();
    }

    /** Sample log rows with a trailing {@code resource_attr_host_name} column, set on the first row only. */
    private TableBatch logsWithHostName(int rows, String firstHost) {
        TableBatch base = SampleRows.batch(Table.LOGS, pipelineAllocator, 0, rows);
        List<FieldVector> vectors = new ArrayList<>(base.root().getFieldVectors());
        VarCharVector host = new VarCharVector("resource_attr_host_name", pipelineAllocator);
        host.allocateNew();
        host.setSafe(0, firstHost.getBytes(StandardCharsets.UTF_8));
        host.setValueCount(rows);
        vectors.add(host);
        VectorSchemaRoot promoted = new VectorSchemaRoot(vectors); // takes over the base batch's vectors
        promoted.setRowCount(rows);
        TableBatch withPromoted = new TableBatch(Table.LOGS, promoted);
        batches.add(withPromoted);
        return withPromoted;
    }

    private TableBatch batch(Table table, int firstSerial, int rows) {
        TableBatch batch = SampleRows.batch(table, pipelineAllocator, firstSerial, rows);
        batches.add(batch);
        return batch;
    }

    /** One batch per table, rows with serials [first, first + rows). */
    private Seal seal(long sequence, int first, int rows) {
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            tables.put(table, List.of(batch(table, first, rows)));
        }
        return new Seal("p", sequence, tables);
    }

    /** A database under {@code dir} with all six tables in {@code main}, then changed by {@code alter}. */
    private Path createdAndAltered(String name, String alter) throws SQLException {
        Path file = dir.resolve(name);
        createAllTables(file, "main");
        try (Connection db = open(file)) {
            execute(db, alter);
        }
        return file;
    }

    private static void createAllTables(Path file, String schema) throws SQLException {
        try (Connection db = open(file)) {
            for (Table table : Table.values()) {
                execute(db, table.createTableSql(schema + "." + table.tableName()));
            }
        }
    }

    private static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + file);
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Object single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getObject(1);
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void assertColumnTypes(Connection db, String schema, Table table) throws SQLException {
        List<String> found = strings(db, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_schema = '" + schema + "' AND table_name = '" + table.tableName()
                + "' ORDER BY ordinal_position");
        List<String> expected = table.columns().stream().map(c -> c.name() + " " + c.type().sqlType()).toList();
        assertEquals(expected, found);
    }

    /**
     * Reads the table back and checks that it holds exactly the sample rows with the given serials:
     * each non-NULL row by its serial (carried in service_name), each all-NULL row as all NULL.
     */
    private static void assertRows(Connection db, String schema, Table table, IntStream serials) throws SQLException {
        List<Integer> expectedSerials = serials.boxed().toList();
        List<Column> columns = table.columns();
        String select = columns.stream()
                .map(c -> c.type() == ColumnType.TIMESTAMP ? "epoch_us(" + Table.quote(c.name()) + ")" : Table.quote(c.name()))
                .collect(Collectors.joining(", "));
        int key = table.columnIndex("service_name");
        Set<Integer> seen = new HashSet<>();
        int nullRows = 0;
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT " + select + " FROM " + schema + "." + table.tableName())) {
            while (rs.next()) {
                String serviceName = rs.getString(key + 1);
                if (serviceName == null) {
                    for (int c = 0; c < columns.size(); c++) {
                        assertNull(rs.getObject(c + 1), table.tableName() + "." + columns.get(c).name());
                    }
                    nullRows++;
                    continue;
                }
                int serial = Integer.parseInt(serviceName.substring(serviceName.lastIndexOf('#') + 1));
                assertTrue(seen.add(serial), "duplicate row " + serial + " in " + table.tableName());
                for (int c = 0; c < columns.size(); c++) {
                    assertValue(rs, c, columns.get(c), serial, table.tableName());
                }
            }
        }
        Set<Integer> expectedValued = expectedSerials.stream()
                .filter(s -> SampleRows.kind(s) != SampleRows.ALL_NULL).collect(Collectors.toSet());
        assertEquals(expectedValued, seen, table.tableName());
        assertEquals(expectedSerials.size() - expectedValued.size(), nullRows, table.tableName() + " NULL rows");
    }

    private static void assertValue(ResultSet rs, int c, Column column, int serial, String tableName) throws SQLException {
        String where = tableName + "." + column.name() + " row " + serial;
        int i = c + 1;
        switch (column.type()) {
            case TIMESTAMP -> assertEquals(SampleRows.timestampMicros(c, serial), rs.getLong(i), where);
            case BIGINT -> assertEquals(SampleRows.longValue(c, serial), rs.getLong(i), where);
            case INTEGER -> assertEquals(SampleRows.intValue(c, serial), rs.getInt(i), where);
            case DOUBLE -> assertEquals(SampleRows.doubleValue(c, serial), rs.getDouble(i), where);
            case BOOLEAN -> assertEquals(SampleRows.booleanValue(serial), rs.getBoolean(i), where);
            case VARCHAR -> assertEquals(SampleRows.stringValue(column, serial), rs.getString(i), where);
            case BIGINT_LIST -> {
                Object[] stored = (Object[]) rs.getArray(i).getArray();
                long[] values = new long[stored.length];
                for (int k = 0; k < stored.length; k++) {
                    values[k] = (Long) stored[k];
                }
                assertArrayEquals(SampleRows.longList(c, serial), values, where);
            }
            case DOUBLE_LIST -> {
                Array array = rs.getArray(i);
                Object[] stored = (Object[]) array.getArray();
                double[] values = new double[stored.length];
                for (int k = 0; k < stored.length; k++) {
                    values[k] = (Double) stored[k];
                }
                assertArrayEquals(SampleRows.doubleList(c, serial), values, where);
            }
        }
        assertFalse(rs.wasNull() && column.type() != ColumnType.VARCHAR, where + " is NULL");
    }
}
