package dev.eider.exporter.duckdb;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.PositionTrackingExporter;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Column;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Seals rows into a DuckDB database through one {@link DuckDbWriter} (the target's single writer).
 * Each seal is one transaction with one {@code INSERT} per table that has rows, and, for a
 * pipeline with a write-ahead log, the seal's log range in {@code eider_seal_positions}.
 */
public final class DuckDbExporter implements PositionTrackingExporter, QueryTarget {
    private static final System.Logger LOG = System.getLogger(DuckDbExporter.class.getName());

    private final ComponentId id;
    private final BufferAllocator allocator;
    private final DuckDbConfig config;
    private final List<Column> extraColumns;
    // Set by start, cleared by shutdown; read by the writer thread, which is not the starting thread.
    private volatile DuckDbWriter writer;

    /**
     * {@code allocator} must share its root with the allocator of the batches this exporter seals;
     * {@code extraColumns} are the promoted columns added to every table.
     */
    public DuckDbExporter(ComponentId id, BufferAllocator allocator, DuckDbConfig config, List<Column> extraColumns) {
        this.id = id;
        this.allocator = allocator;
        this.config = config;
        this.extraColumns = List.copyOf(extraColumns);
    }

    @Override
    public void start(Host host) throws Exception {
        if (writer != null) {
            throw new IllegalStateException(id + " is already started");
        }
        DuckDbWriter opened = DuckDbWriter.open(config.inMemory() ? "" : config.path(),
                TableLocation.inDatabase(config.schema()), databaseLabel(), allocator);
        try {
            if (config.extensionDirectory().isPresent()) {
                opened.useExtensionDirectory(config.extensionDirectory().get());
            }
            opened.prepareTables(config.createTables(), extraColumns);
            opened.prepareSealPositions();
        } catch (Exception | Error e) {
            closeQuietly(opened, e);
            throw e;
        }
        writer = opened;
        LOG.log(System.Logger.Level.INFO, "{0}: writing to {1}, schema {2}", id, databaseLabel(), config.schema());
    }

    @Override
    public SealTiming seal(Seal seal) throws Exception {
        return started().seal(seal);
    }

    @Override
    public OptionalLong committedWalPosition(String pipelineId) throws SQLException {
        return started().committedWalPosition(pipelineId);
    }

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

    private String databaseLabel() {
        return config.inMemory() ? DuckDbConfig.IN_MEMORY : Path.of(config.path()).toAbsolutePath().toString();
    }

    private static void closeQuietly(DuckDbWriter opened, Throwable failure) {
        try {
            opened.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
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
