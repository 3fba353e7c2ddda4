package dev.eider.exporter.ducklake;

import static dev.eider.exporter.duckdb.DuckDbWriter.sqlString;

import dev.eider.exporter.duckdb.DuckDbQueryConnections;
import dev.eider.exporter.duckdb.DuckDbWriter;
import dev.eider.exporter.duckdb.TableLocation;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.MaintainedExporter;
import dev.eider.runtime.component.PositionTrackingExporter;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.MaintenanceStatus;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Seals rows into a DuckLake lakehouse. An in-memory DuckDB connection attaches the catalog; each
 * seal is one transaction with one {@code INSERT} per table, so it adds one Parquet file per table
 * and one snapshot. Catalog maintenance follows automatic seals ({@link CatalogMaintenance}).
 *
 * <p>Several collectors may write one shared catalog (PostgreSQL, SQLite): DuckLake retries a
 * commit that raced another writer's appends by itself; a real conflict (a maintenance run that
 * compacted a table this seal deletes a position row from) fails the seal, which rolls back and
 * is retried by the seal engine. Each collector keys its seal positions by its own writer id.
 */
public final class DuckLakeExporter implements MaintainedExporter, PositionTrackingExporter, QueryTarget {
    /** The alias the catalog is attached under; the connection is private to this exporter. */
    static final String CATALOG = "eider_lake";
    /** How often start is tried on a shared catalog that other writers may be preparing at the same time. */
    static final int START_ATTEMPTS = 5;

    private static final System.Logger LOG = System.getLogger(DuckLakeExporter.class.getName());

    private final ComponentId id;
    private final BufferAllocator allocator;
    private final DuckLakeConfig config;
    private final List<Column> extraColumns;
    private final CatalogMaintenance maintenance;
    // Set by start, cleared by shutdown; read by the writer thread, which is not the starting thread.
    private volatile DuckDbWriter writer;

    /**
     * {@code allocator} must share its root with the allocator of the batches this exporter seals;
     * {@code extraColumns} are the promoted columns added to every table.
     */
    public DuckLakeExporter(ComponentId id, BufferAllocator allocator, DuckLakeConfig config, List<Column> extraColumns) {
        this.id = id;
        this.allocator = allocator;
        this.config = config;
        this.extraColumns = List.copyOf(extraColumns);
        this.maintenance = new CatalogMaintenance(id, CATALOG);
    }

    @Override
    public void start(Host host) throws Exception {
        if (writer != null) {
            throw new IllegalStateException(id + " is already started");
        }
        writer = openPrepared();
        LOG.log(System.Logger.Level.INFO, "{0}: writing to DuckLake catalog {1}, data path {2}, schema {3}, "
                + "writer id {4}, maintenance {5}", id, config.metadataForDisplay(), config.dataPath().orElse(
                "(as the catalog records)"), config.schema(), config.writerId().orElse("(none)"),
                config.maintenance() ? "on" : "off");
    }

    /**
     * Opens, attaches and prepares the catalog. On a shared catalog, collectors starting together
     * race to create the catalog, set its options and create the tables; DuckLake commits each
     * step optimistically, so the losers fail. A step that failed is done when retried (every
     * step is idempotent), so start is retried a few times, with jitter so racers spread out.
     */
    private DuckDbWriter openPrepared() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return openPreparedOnce();
            } catch (SQLException e) {
                if (!config.sharedCatalog() || attempt == START_ATTEMPTS) {
                    throw e;
                }
                long pauseMs = attempt * 200L + ThreadLocalRandom.current().nextLong(300);
                LOG.log(System.Logger.Level.INFO, "{0}: preparing the shared DuckLake catalog failed (attempt {1} "
                        + "of {2}; another writer may be preparing it too), retrying in {3} ms: {4}", id, attempt,
                        START_ATTEMPTS, pauseMs, e.getMessage());
                Thread.sleep(pauseMs);
            }
        }
    }

    private DuckDbWriter openPreparedOnce() throws Exception {
        DuckDbWriter opened = DuckDbWriter.open("", TableLocation.inCatalog(CATALOG, config.schema()),
                "ducklake:" + config.metadataForDisplay(), allocator);
        try {
            attach(opened);
            opened.prepareTables(config.createTables(), extraColumns);
            opened.prepareSealPositions(config.writerId());
            return opened;
        } catch (Exception | Error e) {
            try {
                opened.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    @Override
    public SealTiming seal(Seal seal) throws Exception {
        DuckDbWriter current = started();
        SealTiming timing = current.seal(seal);
        if (config.maintenance() && seal.rowCount() > 0) {
            maintenance.afterSeal(current, seal.maintenanceAllowed());
        }
        return timing;
    }

    @Override
    public OptionalLong committedWalPosition(String pipelineId) throws SQLException {
        return started().committedWalPosition(pipelineId);
    }

    @Override
    public MaintenanceStatus maintenanceStatus() {
        return maintenance.status();
    }

    /** A duplicate of the writer's connection: it sees the attached lake as of committed seals. */
    @Override
    public Connection openQueryConnection() throws SQLException {
        return DuckDbQueryConnections.open(writer);
    }

    @Override
    public void shutdown() throws SQLException {
        DuckDbWriter open = writer;
        writer = null;
        if (open != null) {
            open.close();
        }
    }

    private void attach(DuckDbWriter opened) throws SQLException {
        if (config.extensionDirectory().isPresent()) {
            opened.useExtensionDirectory(config.extensionDirectory().get());
        }
        opened.loadExtension("ducklake");
        if (config.metadataExtension().isPresent()) {
            opened.loadExtension(config.metadataExtension().get());
        }
        String options = config.dataPath().map(p -> " (DATA_PATH " + sqlString(p) + ")").orElse("");
        try {
            opened.execute("ATTACH " + sqlString("ducklake:" + config.metadata()) + " AS " + Table.quote(CATALOG)
                    + options);
        } catch (SQLException e) {
            throw new SQLException("cannot attach DuckLake catalog " + config.metadataForDisplay() + ": "
                    + String.valueOf(e.getMessage()).replace(config.metadata(), config.metadataForDisplay()), e);
        }
        // Rule 10: bound what CHECKPOINT does. Files at the target size are left alone.
        setOption(opened, "target_file_size", config.targetFileSize() + " bytes");
        String retention = config.maintenanceRetention().toMillis() + " milliseconds";
        setOption(opened, "expire_older_than", retention);
        setOption(opened, "delete_older_than", retention);
    }

    private static void setOption(DuckDbWriter opened, String option, String value) throws SQLException {
        opened.execute("CALL " + Table.quote(CATALOG) + ".set_option(" + sqlString(option) + ", " + sqlString(value)
                + ")");
    }

    /** The writer, for calls that need a started exporter. */
    private DuckDbWriter started() {
        DuckDbWriter current = writer;
        if (current == null) {
            throw new IllegalStateException(id + " is not started or already shut down");
        }
        return current;
    }
}
