package dev.eider.exporter.iceberg;

import dev.eider.exporter.duckdb.DuckDbWriter;
import dev.eider.exporter.duckdb.TableLocation;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.PositionTrackingExporter;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Seals rows into Iceberg tables of a REST catalog through DuckDB's iceberg extension. An
 * in-memory DuckDB connection attaches the catalog; each seal is one DuckDB transaction with one
 * {@code INSERT} per table, which DuckDB commits to the catalog in one request (the REST
 * {@code transactions/commit} endpoint). Whether the catalog applies the tables of that request
 * together is up to the catalog, so a pipeline with a write-ahead log gets exactly-once per
 * table: see {@link TablePositions}. Queries ({@link QueryTarget}) read the catalog through
 * their own read-only attachment ({@link IcebergQueryDatabase}).
 */
public final class IcebergExporter implements PositionTrackingExporter, QueryTarget {

    private static final System.Logger LOG = System.getLogger(IcebergExporter.class.getName());

    private final ComponentId id;
    private final BufferAllocator allocator;
    private final IcebergConfig config;
    private final IcebergCatalogAttachment catalog;
    // Set by start, cleared by shutdown; read by the writer thread, which is not the starting thread.
    private volatile DuckDbWriter writer;
    // Set by start, cleared by shutdown; read by admin threads.
    private volatile IcebergQueryDatabase queries;
    private volatile TablePositions positions;

    /** {@code allocator} must share its root with the allocator of the batches this exporter seals. */
    public IcebergExporter(ComponentId id, BufferAllocator allocator, IcebergConfig config) {
        this.id = id;
        this.allocator = allocator;
        this.config = config;
        this.catalog = new IcebergCatalogAttachment(config);
    }

    @Override
    public void start(Host host) throws Exception {
        if (writer != null) {
            throw new IllegalStateException(id + " is already started");
        }
        String label = "Iceberg REST catalog " + config.endpoint() + " (warehouse " + config.warehouse() + ")";
        TableLocation location = location();
        DuckDbWriter opened = DuckDbWriter.open("", location, label, allocator);
        TablePositions tracked = new TablePositions(location);
        try {
            attach(opened);
            // Iceberg tables cannot take promoted columns (DuckDB 1.4.4 refuses targeted inserts),
            // so promoted attributes stay in the JSON columns only
            opened.prepareTables(config.createTables(), List.of());
            rejectExtraColumns(opened);
            opened.keepSealBookkeeping(tracked);
        } catch (Exception | Error e) {
            try {
                opened.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        queries = new IcebergQueryDatabase(config, catalog, location);
        positions = tracked;
        writer = opened;
        LOG.log(System.Logger.Level.INFO, "{0}: writing to {1}, namespace {2}, auth {3}", id, label,
                config.namespace(), config.auth().type());
    }

    @Override
    public SealTiming seal(Seal seal) throws Exception {
        return started().seal(seal);
    }

    /** A connection to the exporter's query database ({@link IcebergQueryDatabase}). */
    @Override
    public Connection openQueryConnection() throws SQLException {
        IcebergQueryDatabase current = queries;
        if (current == null) {
            throw new SQLException("the exporter is not started or already shut down");
        }
        return current.connect();
    }

    /** Its query connections attach this exporter's catalog and nothing else. */
    @Override
    public boolean queriesIcebergCatalog() {
        return true;
    }

    @Override
    public OptionalLong committedWalPosition(String pipelineId) throws SQLException {
        return summary(pipelineId).committed();
    }

    @Override
    public OptionalLong unfinishedSealEnd(String pipelineId) throws SQLException {
        return summary(pipelineId).unfinishedSealEnd();
    }

    private TablePositions.Summary summary(String pipelineId) throws SQLException {
        return started().readInTransaction(connection -> positions.summarize(connection, pipelineId));
    }

    @Override
    public void shutdown() throws SQLException {
        DuckDbWriter open = writer;
        IcebergQueryDatabase openQueries = queries;
        writer = null;
        queries = null;
        try {
            if (openQueries != null) {
                openQueries.close();
            }
        } finally {
            if (open != null) {
                open.close();
            }
        }
    }

    private void attach(DuckDbWriter opened) throws SQLException {
        if (config.extensionDirectory().isPresent()) {
            opened.useExtensionDirectory(config.extensionDirectory().get());
        }
        for (String extension : IcebergCatalogAttachment.EXTENSIONS) {
            opened.loadExtension(extension);
        }
        catalog.attach(opened::execute, false);
    }

    private TableLocation location() {
        return TableLocation.inCatalog(IcebergCatalogAttachment.CATALOG, config.namespace());
    }

    /**
     * DuckDB 1.4.4 inserts into Iceberg tables only with every column in table order ("targeted
     * inserts" are not implemented), so the extra trailing columns other DuckDB-family targets
     * accept would make every seal fail: refuse them at start instead.
     */
    private static void rejectExtraColumns(DuckDbWriter opened) throws SQLException {
        for (Table table : Table.values()) {
            List<String> extra = new ArrayList<>();
            try (Connection reader = opened.duplicateConnection(); Statement statement = reader.createStatement();
                    ResultSet columns = statement.executeQuery("DESCRIBE " + opened.location().qualified(table))) {
                int position = 0;
                while (columns.next()) {
                    if (++position > table.columns().size()) {
                        extra.add(columns.getString("column_name"));
                    }
                }
            }
            if (!extra.isEmpty()) {
                throw new IllegalStateException("table " + opened.location().schema() + "." + table.tableName()
                        + " in " + opened.label() + " has columns beyond docs/tables.md " + extra
                        + ", which DuckDB cannot insert into for Iceberg tables; drop them or use another table");
            }
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
