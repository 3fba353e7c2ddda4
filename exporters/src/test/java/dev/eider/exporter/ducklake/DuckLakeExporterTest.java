package dev.eider.exporter.ducklake;

import static dev.eider.exporter.ducklake.LakeFixture.count;
import static dev.eider.exporter.ducklake.LakeFixture.dataFiles;
import static dev.eider.exporter.ducklake.LakeFixture.execute;
import static dev.eider.exporter.ducklake.LakeFixture.expected;
import static dev.eider.exporter.ducklake.LakeFixture.markers;
import static dev.eider.exporter.ducklake.LakeFixture.observer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.seal.MaintenanceStatus;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.ColumnType;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ducklake exporter against a real DuckLake catalog (DuckDB file) and real Parquet files. */
class DuckLakeExporterTest {
    @TempDir
    Path dir;

    private final LakeFixture rows = new LakeFixture();
    private DuckLakeExporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        rows.close();
    }

    @Test
    void sealedRowsReadBackThroughAnotherConnectionAfterShutdown() throws Exception {
        start(config(true));
        exporter.seal(rows.seal(1, false, 0, 3, Table.values()));
        exporter.seal(rows.seal(2, false, 3, 2, Table.LOGS, Table.TRACES));
        stop();

        try (Connection lake = observer(metadata())) {
            assertEquals(expected(0, 5), markers(lake, Table.LOGS));
            assertEquals(expected(0, 5), markers(lake, Table.TRACES));
            for (Table table : List.of(Table.METRICS_GAUGE, Table.METRICS_SUM, Table.METRICS_HISTOGRAM,
                    Table.METRICS_EXP_HISTOGRAM)) {
                assertEquals(expected(0, 3), markers(lake, table), table.tableName());
            }
            assertEquals(1_700_000_000_000_004L, count(lake,
                    "SELECT epoch_us(max(time_unix_nano)) FROM lake.main.otlp_logs"));
        }
        assertTrue(Files.list(dir.resolve("data")).findAny().isPresent(), "Parquet files under data_path");
    }

    @Test
    void eachSealAddsOneDataFilePerTableAndOneSnapshot() throws Exception {
        start(config(true));
        stop();
        long snapshotsBefore;
        try (Connection lake = observer(metadata())) {
            snapshotsBefore = count(lake, "SELECT count(*) FROM ducklake_snapshots('lake')");
        }
        start(config(true));
        for (int s = 0; s < 3; s++) {
            // Two batches per table in one seal still make one insert, so one file.
            Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
            tables.put(Table.LOGS, List.of(rows.batch(Table.LOGS, s * 10, 4), rows.batch(Table.LOGS, s * 10 + 4, 4)));
            tables.put(Table.METRICS_SUM, List.of(rows.batch(Table.METRICS_SUM, s * 10, 2)));
            exporter.seal(new Seal("logs", s + 1, tables, false));
        }
        stop();
        try (Connection lake = observer(metadata())) {
            assertEquals(3, dataFiles(lake, Table.LOGS));
            assertEquals(3, dataFiles(lake, Table.METRICS_SUM));
            assertEquals(0, dataFiles(lake, Table.TRACES));
            assertEquals(snapshotsBefore + 3, count(lake, "SELECT count(*) FROM ducklake_snapshots('lake')"));
            assertEquals(24, count(lake, "SELECT count(*) FROM lake.main.otlp_logs"));
        }
    }

    @Test
    void theLogPositionOfEachSealIsCommittedInTheCatalogAndOutlivesARestart() throws Exception {
        start(config(true));
        assertEquals(OptionalLong.empty(), exporter.committedWalPosition("logs"));
        for (int s = 0; s < 2; s++) {
            Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
            tables.put(Table.LOGS, List.of(rows.batch(Table.LOGS, s * 10, 3)));
            exporter.seal(new Seal("logs", s + 1, tables, false, new WalRange(s * 5L, s * 5L + 5)));
        }
        stop();
        start(config(true));
        assertEquals(OptionalLong.of(10), exporter.committedWalPosition("logs"));
        stop();
        try (Connection lake = observer(metadata())) {
            assertEquals(6, count(lake, "SELECT count(*) FROM lake.main.otlp_logs"));
            assertEquals(1, count(lake, "SELECT count(*) FROM lake.main.eider_seal_positions"));
        }
    }

    @Test
    void catalogOptionsBoundMaintenance() throws Exception {
        start(new DuckLakeConfig(metadata(), Optional.of(dir.resolve("data") + "/"), "main", true, 64L << 20,
                Duration.ofMinutes(30), Optional.of(LakeFixture.extensionDirectory())));
        stop();
        try (Connection lake = observer(metadata())) {
            assertEquals(List.of("67108864", "1800000 milliseconds", "1800000 milliseconds"), List.of(
                    option(lake, "target_file_size"), option(lake, "expire_older_than"),
                    option(lake, "delete_older_than")));
        }
    }

    @Test
    void maintenanceRunsAfterAutomaticSealsAndNeverAfterFlushes() throws Exception {
        int due = CatalogMaintenance.SEALS_BETWEEN_RUNS;
        start(config(true));
        // Flushes and drains (maintenance not allowed) never run it, however many there are.
        int serial = 0;
        for (int s = 0; s < due + 2; s++, serial += 2) {
            exporter.seal(rows.seal(s, false, serial, 2, Table.LOGS));
        }
        assertEquals(new MaintenanceStatus(0, 0, null, null), exporter.maintenanceStatus());
        stop();
        try (Connection lake = observer(metadata())) {
            assertEquals(due + 2, dataFiles(lake, Table.LOGS));
        }

        // A fresh exporter: maintenance is due once SEALS_BETWEEN_RUNS seals committed, and runs
        // after the first automatic one.
        start(config(true));
        for (int s = 0; s < due - 1; s++, serial += 2) {
            exporter.seal(rows.seal(s, false, serial, 2, Table.LOGS));
        }
        assertEquals(0, exporter.maintenanceStatus().runsTotal());
        exporter.seal(rows.seal(99, true, serial, 2, Table.LOGS));
        serial += 2;
        MaintenanceStatus status = exporter.maintenanceStatus();
        assertEquals(1, status.runsTotal());
        assertEquals(0, status.failuresTotal());
        assertNotNull(status.lastRunUnixMs());

        // Automatic seals alone: not due again until SEALS_BETWEEN_RUNS more seals committed.
        for (int s = 1; s < due; s++, serial++) {
            exporter.seal(rows.seal(100 + s, true, serial, 1, Table.LOGS));
        }
        assertEquals(1, exporter.maintenanceStatus().runsTotal());
        exporter.seal(rows.seal(200, true, serial, 1, Table.LOGS));
        serial++;
        assertEquals(2, exporter.maintenanceStatus().runsTotal());
        stop();

        try (Connection lake = observer(metadata())) {
            assertEquals(1, dataFiles(lake, Table.LOGS), "CHECKPOINT merged the adjacent small files");
            assertEquals(expected(0, serial), markers(lake, Table.LOGS));
        }
    }

    @Test
    void aFailedMaintenanceIsCountedAndLeavesCommittedRowsIntact() throws Exception {
        start(config(true));
        for (int s = 0; s < CatalogMaintenance.SEALS_BETWEEN_RUNS - 1; s++) {
            exporter.seal(rows.seal(s, false, s, 1, Table.LOGS));
        }
        // Moving the data files away makes CHECKPOINT's merge fail to read them.
        Path data = dir.resolve("data");
        Path away = dir.resolve("away");
        Files.move(data, away);
        Seal last = rows.seal(50, true, 50, 1, Table.LOGS);
        exporter.seal(last);
        Files.move(dir.resolve("data"), dir.resolve("last-seal"));
        Files.move(away, data);
        try (var lastFiles = Files.walk(dir.resolve("last-seal"))) {
            for (Path file : lastFiles.filter(Files::isRegularFile).toList()) {
                Path target = data.resolve(dir.resolve("last-seal").relativize(file));
                Files.createDirectories(target.getParent());
                Files.move(file, target);
            }
        }

        MaintenanceStatus status = exporter.maintenanceStatus();
        assertEquals(0, status.runsTotal());
        assertEquals(1, status.failuresTotal());
        assertNull(status.lastRunUnixMs());
        assertNotNull(status.lastError());
        stop();
        try (Connection lake = observer(metadata())) {
            List<String> want = new java.util.ArrayList<>(expected(0, CatalogMaintenance.SEALS_BETWEEN_RUNS - 1));
            want.add("row-50");
            assertEquals(want, markers(lake, Table.LOGS));
        }
    }

    @Test
    void aFailingSealLeavesNothingHalfWritten() throws Exception {
        start(config(true));
        // otlp_traces is inserted first; the logs batches then fail (their columns differ).
        TableBatch oneColumn = new TableBatch(Table.LOGS, new VectorSchemaRoot(List.of(
                (FieldVector) Table.LOGS.arrowSchema().getFields().get(0).createVector(rows.pipeline))));
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        tables.put(Table.TRACES, List.of(rows.batch(Table.TRACES, 0, 3)));
        tables.put(Table.LOGS, List.of(rows.batch(Table.LOGS, 0, 2), oneColumn));
        try {
            assertThrows(IllegalArgumentException.class, () -> exporter.seal(new Seal("logs", 1, tables, true)));
        } finally {
            oneColumn.close();
        }
        exporter.seal(rows.seal(2, false, 10, 1, Table.TRACES));
        stop();
        try (Connection lake = observer(metadata())) {
            assertEquals(List.of("row-10"), markers(lake, Table.TRACES));
            assertEquals(1, dataFiles(lake, Table.TRACES), "the failed seal left no file in the catalog");
            assertEquals(0, count(lake, "SELECT count(*) FROM lake.main.otlp_logs"));
        }
    }

    @Test
    void withoutCreateTablesMissingTablesFailStart() throws Exception {
        Exception failure = startFailure(config(false));
        assertTrue(failure.getMessage().contains("table main.otlp_traces does not exist"), failure.getMessage());
    }

    @Test
    void withoutCreateTablesExistingMatchingTablesAreUsed() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            execute(db, "SET extension_directory = '" + LakeFixture.extensionDirectory() + "'");
            execute(db, "LOAD ducklake");
            execute(db, "ATTACH 'ducklake:" + metadata() + "' AS lake (DATA_PATH '" + dir.resolve("data") + "/')");
            for (Table table : Table.values()) {
                execute(db, table.createTableSql("lake.main." + table.tableName()));
            }
            execute(db, "ALTER TABLE lake.main.otlp_logs ADD COLUMN promoted_tenant VARCHAR");
        }
        start(config(false));
        exporter.seal(rows.seal(1, false, 0, 2, Table.LOGS));
        stop();
        try (Connection lake = observer(metadata())) {
            assertEquals(expected(0, 2), markers(lake, Table.LOGS));
        }
    }

    @Test
    void aMismatchingColumnFailsStartNamingIt() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            execute(db, "SET extension_directory = '" + LakeFixture.extensionDirectory() + "'");
            execute(db, "LOAD ducklake");
            execute(db, "ATTACH 'ducklake:" + metadata() + "' AS lake (DATA_PATH '" + dir.resolve("data") + "/')");
            execute(db, "CREATE TABLE lake.main.otlp_traces (start_time_unix_nano VARCHAR)");
        }
        Exception failure = startFailure(config(false));
        assertTrue(failure.getMessage().contains("otlp_traces") && failure.getMessage().contains(
                "expected start_time_unix_nano TIMESTAMP, found start_time_unix_nano VARCHAR"), failure.getMessage());
    }

    @Test
    void aBadCatalogFailsStartNamingIt() {
        DuckLakeConfig bad = new DuckLakeConfig(dir.resolve("no/such/dir/meta.ducklake").toString(),
                Optional.of(dir.resolve("data").toString()), "main", true, DuckLakeConfig.DEFAULT_TARGET_FILE_SIZE,
                DuckLakeConfig.DEFAULT_MAINTENANCE_RETENTION, Optional.of(LakeFixture.extensionDirectory()));
        Exception failure = startFailure(bad);
        assertTrue(failure.getMessage().startsWith("cannot attach DuckLake catalog " + bad.metadata()),
                failure.getMessage());
    }

    @Test
    void withoutDataPathANewFileCatalogKeepsItsFilesNextToIt() throws Exception {
        start(new DuckLakeConfig(metadata(), Optional.empty(), "main", true, DuckLakeConfig.DEFAULT_TARGET_FILE_SIZE,
                DuckLakeConfig.DEFAULT_MAINTENANCE_RETENTION, Optional.of(LakeFixture.extensionDirectory())));
        exporter.seal(rows.seal(1, false, 0, 2, Table.LOGS));
        stop();
        try (var files = Files.walk(dir.resolve("meta.ducklake.files"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".parquet")).count());
        }
        try (Connection lake = observer(metadata())) {
            assertEquals(expected(0, 2), markers(lake, Table.LOGS));
        }
    }

    @Test
    void aSqliteCatalogWorksToo() throws Exception {
        String metadata = "sqlite:" + dir.resolve("meta.sqlite");
        start(new DuckLakeConfig(metadata, Optional.of(dir.resolve("data") + "/"), "main", true,
                DuckLakeConfig.DEFAULT_TARGET_FILE_SIZE, DuckLakeConfig.DEFAULT_MAINTENANCE_RETENTION,
                Optional.of(LakeFixture.extensionDirectory())));
        exporter.seal(rows.seal(1, false, 0, 3, Table.LOGS));
        stop();
        try (Connection lake = observer(metadata)) {
            assertEquals(expected(0, 3), markers(lake, Table.LOGS));
        }
    }

    @Test
    void promotedColumnsAreAddedToEveryTableAndValidatedOnTheNextStart() throws Exception {
        List<Column> promoted = List.of(new Column("resource_attr_host_name", ColumnType.VARCHAR));
        start(config(true), promoted);
        stop();
        start(config(false), promoted);
        exporter.seal(rows.seal(1, false, 0, 2, Table.LOGS));
        stop();
        try (Connection lake = observer(metadata())) {
            for (Table table : Table.values()) {
                assertEquals(1, count(lake, "SELECT count(*) FROM information_schema.columns WHERE table_catalog = 'lake'"
                        + " AND table_name = '" + table.tableName() + "' AND column_name = 'resource_attr_host_name'"
                        + " AND data_type = 'VARCHAR'"), table.tableName());
            }
            assertEquals(expected(0, 2), markers(lake, Table.LOGS));
        }
    }

    @Test
    void withoutCreateTablesAMissingPromotedColumnFailsStartNamingTheAlter() throws Exception {
        start(config(true));
        stop();
        Exception failure = startFailure(config(false),
                List.of(new Column("resource_attr_host_name", ColumnType.VARCHAR)));
        assertTrue(failure.getMessage().contains("ALTER TABLE \"eider_lake\".\"main\".\"otlp_traces\" ADD COLUMN"
                + " IF NOT EXISTS \"resource_attr_host_name\" VARCHAR"), failure.getMessage());
    }

    private void stop() throws Exception {
        exporter.shutdown();
        exporter = null;
    }

    private String metadata() {
        return dir.resolve("meta.ducklake").toString();
    }

    private DuckLakeConfig config(boolean createTables) {
        return new DuckLakeConfig(metadata(), Optional.of(dir.resolve("data") + "/"), "main", createTables,
                DuckLakeConfig.DEFAULT_TARGET_FILE_SIZE, DuckLakeConfig.DEFAULT_MAINTENANCE_RETENTION,
                Optional.of(LakeFixture.extensionDirectory()));
    }

    private void start(DuckLakeConfig config) throws Exception {
        start(config, List.of());
    }

    private void start(DuckLakeConfig config, List<Column> extraColumns) throws Exception {
        exporter = new DuckLakeExporter(ComponentId.of("ducklake"), rows.exporter, config, extraColumns);
        exporter.start(null);
    }

    private Exception startFailure(DuckLakeConfig config) {
        return startFailure(config, List.of());
    }

    private Exception startFailure(DuckLakeConfig config, List<Column> extraColumns) {
        DuckLakeExporter failing = new DuckLakeExporter(ComponentId.of("ducklake"), rows.exporter, config,
                extraColumns);
        return assertThrows(Exception.class, () -> failing.start(null));
    }

    private static String option(Connection lake, String name) throws Exception {
        try (var statement = lake.createStatement();
                var result = statement.executeQuery("SELECT value FROM lake.options() WHERE option_name = '" + name + "'")) {
            result.next();
            return result.getString(1);
        }
    }
}
