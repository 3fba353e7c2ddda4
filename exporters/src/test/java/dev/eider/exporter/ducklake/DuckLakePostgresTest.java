package dev.eider.exporter.ducklake;

import static dev.eider.exporter.ducklake.LakeFixture.count;
import static dev.eider.exporter.ducklake.LakeFixture.dataFiles;
import static dev.eider.exporter.ducklake.LakeFixture.expected;
import static dev.eider.exporter.ducklake.LakeFixture.markers;
import static dev.eider.exporter.ducklake.LakeFixture.observer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.seal.MaintenanceStatus;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ducklake exporter on a PostgreSQL catalog (a real server started for this class), with two
 * writers on one lake as two collector processes would be: each its own in-memory DuckDB.
 */
class DuckLakePostgresTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;

    @TempDir
    Path dir;

    private final LakeFixture rows = new LakeFixture();
    private final List<DuckLakeExporter> started = new ArrayList<>();
    private String metadata;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (DuckLakeExporter exporter : started) {
            exporter.shutdown();
        }
        rows.close();
    }

    @Test
    void twoWritersStartingAndSealingTogetherStoreEveryRowOnceWithOneFilePerTablePerSeal() throws Exception {
        newLake();
        int seals = 4;
        int perSeal = 5;
        // Built up front: the row fixture is not thread-safe; the exporters are driven concurrently.
        List<List<Seal>> plans = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            List<Seal> plan = new ArrayList<>();
            for (int s = 0; s < seals; s++) {
                int first = (w * seals + s) * perSeal;
                Seal rowsOnly = rows.seal(s + 1, false, first, perSeal, Table.LOGS, Table.TRACES);
                plan.add(new Seal("logs", s + 1, rowsOnly.tables(), false, new WalRange(s * 10L, s * 10L + 10)));
            }
            plans.add(plan);
        }
        List<DuckLakeExporter> writers = startTogether(config("a", false), config("b", false));
        runTogether(List.of(sealAll(writers.get(0), plans.get(0)), sealAll(writers.get(1), plans.get(1))));
        for (DuckLakeExporter writer : writers) {
            assertEquals(OptionalLong.of(seals * 10L), writer.committedWalPosition("logs"));
        }

        try (Connection lake = observer(metadata)) {
            assertEquals(expected(0, 2 * seals * perSeal), markers(lake, Table.LOGS));
            assertEquals(expected(0, 2 * seals * perSeal), markers(lake, Table.TRACES));
            assertEquals(2L * seals, dataFiles(lake, Table.LOGS));
            assertEquals(2L * seals, dataFiles(lake, Table.TRACES));
            assertEquals(0, dataFiles(lake, Table.METRICS_SUM));
            assertEquals(2, count(lake, "SELECT count(*) FROM lake.main.eider_seal_positions WHERE pipeline = 'logs'"
                    + " AND wal_to = " + seals * 10 + " AND writer_id IN ('a', 'b')"));
        }
    }

    @Test
    void maintenanceOfTwoWritersAtOnceLeavesEveryRowInPlace() throws Exception {
        newLake();
        int seals = CatalogMaintenance.SEALS_BETWEEN_RUNS + 1;
        List<List<Seal>> plans = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            List<Seal> plan = new ArrayList<>();
            for (int s = 0; s < seals; s++) {
                Seal rowsOnly = rows.seal(s + 1, true, (w * seals + s) * 2, 2, Table.LOGS);
                plan.add(new Seal("logs", s + 1, rowsOnly.tables(), true, new WalRange(s, s + 1)));
            }
            plans.add(plan);
        }
        List<DuckLakeExporter> writers = startTogether(config("a", true), config("b", true));
        runTogether(List.of(sealAll(writers.get(0), plans.get(0)), sealAll(writers.get(1), plans.get(1))));

        long runs = 0;
        for (DuckLakeExporter writer : writers) {
            MaintenanceStatus status = writer.maintenanceStatus();
            runs += status.runsTotal() + status.failuresTotal();
        }
        assertEquals(2, runs, "each writer attempted maintenance once");
        try (Connection lake = observer(metadata)) {
            assertEquals(expected(0, 2 * seals * 2), markers(lake, Table.LOGS));
        }
    }

    @Test
    void aSecondProcessWithTheSameWriterIdIsCaughtAndItsSealRolledBack() throws Exception {
        newLake();
        DuckLakeExporter first = start(config("same", false));
        first.committedWalPosition("logs");
        first.seal(logged(rows.seal(1, false, 0, 2, Table.LOGS), 0, 2));
        DuckLakeExporter second = start(config("same", false));
        assertEquals(OptionalLong.of(2), second.committedWalPosition("logs"), "a restart of the same writer");
        second.seal(logged(rows.seal(1, false, 2, 2, Table.LOGS), 2, 4));

        Exception collision = assertThrows(Exception.class,
                () -> first.seal(logged(rows.seal(2, false, 4, 2, Table.LOGS), 2, 6)));
        assertTrue(collision.getMessage().contains("another collector process"), collision.getMessage());
        assertTrue(collision.getMessage().contains("writer_id"), collision.getMessage());
        try (Connection lake = observer(metadata)) {
            assertEquals(expected(0, 4), markers(lake, Table.LOGS), "the caught seal committed nothing");
        }
    }

    @Test
    void aSealOverlappingWhatTheCatalogHoldsIsRefusedRatherThanStoredTwice() throws Exception {
        newLake();
        DuckLakeExporter writer = start(config("a", false));
        writer.committedWalPosition("logs");
        writer.seal(logged(rows.seal(1, false, 0, 2, Table.LOGS), 0, 5));
        Exception refused = assertThrows(Exception.class,
                () -> writer.seal(logged(rows.seal(2, false, 2, 2, Table.LOGS), 3, 8)));
        assertTrue(refused.getMessage().contains("already holds log positions"), refused.getMessage());
        try (Connection lake = observer(metadata)) {
            assertEquals(expected(0, 2), markers(lake, Table.LOGS));
        }
    }

    private void newLake() throws Exception {
        String database = "lake_" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        metadata = "postgres:" + postgres.connectionString(database);
    }

    private DuckLakeConfig config(String writerId, boolean maintenance) {
        return new DuckLakeConfig(metadata, Optional.of(dir.resolve("data") + "/"), "main", true,
                DuckLakeConfig.DEFAULT_TARGET_FILE_SIZE, DuckLakeConfig.DEFAULT_MAINTENANCE_RETENTION,
                Optional.of(LakeFixture.extensionDirectory("postgres_scanner")), Optional.of(writerId), maintenance);
    }

    private DuckLakeExporter start(DuckLakeConfig config) throws Exception {
        DuckLakeExporter exporter = new DuckLakeExporter(new ComponentId("ducklake", config.writerId().orElseThrow()),
                rows.exporter, config, List.of());
        started.add(exporter);
        exporter.start(null);
        return exporter;
    }

    /** Starts one exporter per config at the same moment on a catalog nobody created yet. */
    private List<DuckLakeExporter> startTogether(DuckLakeConfig... configs) throws Exception {
        List<DuckLakeExporter> exporters = new ArrayList<>();
        List<Callable<Void>> starts = new ArrayList<>();
        for (DuckLakeConfig config : configs) {
            DuckLakeExporter exporter = new DuckLakeExporter(new ComponentId("ducklake", config.writerId()
                    .orElseThrow()), rows.exporter, config, List.of());
            started.add(exporter);
            exporters.add(exporter);
            starts.add(() -> {
                exporter.start(null);
                exporter.committedWalPosition("logs");
                return null;
            });
        }
        runTogether(starts);
        return exporters;
    }

    /**
     * Seals the plan in order as the seal engine would: a failed seal (a commit that conflicted
     * with the other writer's maintenance) is rolled back and tried again with the same rows.
     */
    private static Callable<Void> sealAll(DuckLakeExporter writer, List<Seal> plan) {
        return () -> {
            long sequence = 0;
            for (Seal seal : plan) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        writer.seal(new Seal(seal.pipelineId(), ++sequence, seal.tables(), seal.maintenanceAllowed(),
                                seal.walRange()));
                        break;
                    } catch (Exception e) {
                        if (attempt == 20) {
                            throw e;
                        }
                        Thread.sleep(50);
                    }
                }
            }
            return null;
        };
    }

    private static void runTogether(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Seal logged(Seal seal, long from, long to) {
        return new Seal(seal.pipelineId(), seal.sequence(), seal.tables(), false, new WalRange(from, to));
    }
}
