package dev.eider.exporter.duckdb;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Seals rows into a DuckDB database through one connection (the target's single writer). Each seal
 * is one transaction with one {@code INSERT} per table that has rows.
 */
public final class DuckDbExporter implements Exporter, QueryTarget {
    private static final System.Logger LOG = System.getLogger(DuckDbExporter.class.getName());

    private final ComponentId id;
    private final BufferAllocator allocator;
    private final DuckDbConfig config;
    // Set by start, cleared by shutdown; read by the writer thread, which is not the starting thread.
    private volatile DuckDBConnection connection;
    private volatile ArrowStreamInserter inserter;

    /** {@code allocator} must share its root with the allocator of the batches this exporter seals. */
    public DuckDbExporter(ComponentId id, BufferAllocator allocator, DuckDbConfig config) {
        this.id = id;
        this.allocator = allocator;
        this.config = config;
    }

    @Override
    public void start(Host host) throws Exception {
        if (connection != null) {
            throw new IllegalStateException(id + " is already started");
        }
        DuckDBConnection opened = open();
        try {
            prepare(opened);
        } catch (Exception | Error e) {
            closeQuietly(opened, e);
            throw e;
        }
        connection = opened;
        inserter = new ArrowStreamInserter(opened, allocator);
        LOG.log(System.Logger.Level.INFO, "{0}: writing to {1}, schema {2}", id, databaseLabel(), config.schema());
    }

    @Override
    public SealTiming seal(Seal seal) throws Exception {
        if (connection == null) {
            throw new IllegalStateException(id + " is not started or already shut down");
        }
        Map<Table, List<TableBatch>> tables = seal.tables();
        if (tables.values().stream().flatMap(List::stream).allMatch(b -> b.rowCount() == 0)) {
            return SealTiming.NONE;
        }
        long started = System.nanoTime();
        execute("BEGIN TRANSACTION");
        try {
            for (Table table : Table.values()) {
                List<TableBatch> batches = tables.getOrDefault(table, List.of());
                if (batches.stream().anyMatch(b -> b.rowCount() > 0)) {
                    inserter.insert(qualified(table), table, batches);
                }
            }
            long appended = System.nanoTime();
            execute("COMMIT");
            return new SealTiming(millis(appended - started), millis(System.nanoTime() - appended));
        } catch (Throwable failure) {
            rollback(failure);
            throw failure;
        }
    }

    @Override
    public Connection openQueryConnection() throws SQLException {
        return DuckDbQueryConnections.open(connection, config.schema());
    }

    @Override
    public void shutdown() throws SQLException {
        DuckDBConnection open = connection;
        connection = null;
        inserter = null;
        if (open != null) {
            open.close();
        }
    }

    private DuckDBConnection open() throws SQLException {
        String url = "jdbc:duckdb:" + (config.inMemory() ? "" : config.path());
        try {
            return (DuckDBConnection) new DuckDBDriver().connect(url, new Properties());
        } catch (SQLException e) {
            throw new SQLException("cannot open DuckDB database " + databaseLabel() + ": " + e.getMessage(), e);
        }
    }

    private void prepare(DuckDBConnection opened) throws SQLException {
        try (Statement statement = opened.createStatement()) {
            if (config.extensionDirectory().isPresent()) {
                statement.execute("SET extension_directory = " + sqlString(config.extensionDirectory().get()));
            }
            if (config.createTables()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Table.quote(config.schema()));
                for (Table table : Table.values()) {
                    statement.execute(table.createTableSql(qualified(table)));
                }
            }
        }
        TableValidator validator = new TableValidator(opened, config.schema(), databaseLabel());
        for (Table table : Table.values()) {
            validator.validate(table);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollback(Throwable failure) {
        try {
            execute("ROLLBACK");
        } catch (SQLException | RuntimeException e) {
            // A failed COMMIT has already ended the transaction; keep the original error in front.
            failure.addSuppressed(e);
        }
    }

    private String qualified(Table table) {
        return Table.quote(config.schema()) + "." + Table.quote(table.tableName());
    }

    private String databaseLabel() {
        return config.inMemory() ? DuckDbConfig.IN_MEMORY : Path.of(config.path()).toAbsolutePath().toString();
    }

    private static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void closeQuietly(DuckDBConnection opened, Throwable failure) {
        try {
            opened.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
