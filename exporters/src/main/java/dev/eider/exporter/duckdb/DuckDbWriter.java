package dev.eider.exporter.duckdb;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The DuckDB-backed writer under every DuckDB-family exporter: one connection (the target's single
 * writer, rule 3) that prepares the six tables at a {@link TableLocation} and seals into them, one
 * transaction per seal with one {@code INSERT} per table that has rows (rule 4). Exporters add what
 * is particular to their target (extensions, {@code ATTACH}, catalog options) through
 * {@link #execute} before {@link #prepareTables}.
 */
public final class DuckDbWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DuckDbWriter.class.getName());

    private final DuckDBConnection connection;
    private final ArrowStreamInserter inserter;
    private final TableLocation location;
    private final String label;
    /**
     * Per table, the lower-cased names of its columns as validated; seals insert only these. Set by
     * {@link #prepareTables} before the exporter publishes this writer to its sealing thread.
     */
    private Map<Table, Set<String>> tableColumns = Map.of();
    /** Set once {@link #prepareSealPositions} ran. */
    private SealPositions positions;
    /** Set by {@link #prepareSealPositions} or {@link #keepSealBookkeeping}: seals then record their log range. */
    private SealBookkeeping bookkeeping;

    private DuckDbWriter(DuckDBConnection connection, BufferAllocator allocator, TableLocation location, String label) {
        this.connection = connection;
        this.inserter = new ArrowStreamInserter(connection, allocator);
        this.location = location;
        this.label = label;
    }

    /**
     * Opens a connection to the database file {@code database}, or to a new in-memory database when
     * it is empty. {@code label} names the target in messages. {@code allocator} must share its root
     * with the allocator of the batches this writer seals.
     */
    public static DuckDbWriter open(String database, TableLocation location, String label, BufferAllocator allocator)
            throws SQLException {
        try {
            DuckDBConnection connection = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + database,
                    new Properties());
            return new DuckDbWriter(connection, allocator, location, label);
        } catch (SQLException e) {
            throw new SQLException("cannot open DuckDB database " + label + ": " + e.getMessage(), e);
        }
    }

    /** A new connection on the same database instance, for reads beside the writer (the query API). */
    public DuckDBConnection duplicateConnection() throws SQLException {
        return connection.duplicate();
    }

    public TableLocation location() {
        return location;
    }

    public String label() {
        return label;
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Where DuckDB installs extensions to and loads them from; must come before any INSTALL or LOAD. */
    public void useExtensionDirectory(String directory) throws SQLException {
        execute("SET extension_directory = " + sqlString(directory));
    }

    /**
     * Loads an extension that is not built into duckdb_jdbc, installing it first (from DuckDB's
     * repository) only when the extension directory does not already hold it.
     */
    public void loadExtension(String name) throws SQLException {
        boolean installed;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT installed FROM duckdb_extensions() WHERE extension_name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                installed = rows.next() && rows.getBoolean(1);
            }
        }
        try {
            if (!installed) {
                execute("INSTALL " + name);
            }
            execute("LOAD " + name);
        } catch (SQLException e) {
            throw new SQLException("cannot " + (installed ? "load" : "install") + " the DuckDB extension '" + name
                    + "' (set extension_directory to a directory holding v<duckdb version>/<platform>/" + name
                    + ".duckdb_extension for offline hosts): " + e.getMessage(), e);
        }
    }

    /**
     * Creates the schema and missing tables when {@code createTables}, adds {@code extraColumns}
     * (promoted attributes) to each, then validates all six against docs/tables.md, the
     * extra columns included. When the target refuses to add a column, promotion is dropped for
     * this writer with a warning, and seals insert only the columns each table has.
     */
    public void prepareTables(boolean createTables, List<Column> extraColumns) throws SQLException {
        List<Column> required = extraColumns;
        if (createTables) {
            execute("CREATE SCHEMA IF NOT EXISTS " + location.qualifiedSchema());
            for (Table table : Table.values()) {
                execute(table.createTableSql(location.qualified(table)));
            }
            if (!addColumns(extraColumns)) {
                required = List.of();
            }
        }
        TableValidator validator = new TableValidator(connection, location, label);
        Map<Table, Set<String>> found = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            found.put(table, validator.validate(table, required));
        }
        tableColumns = found;
    }

    /** {@code ALTER TABLE} adding {@code column} unless the table has it. */
    static String addColumnSql(String qualifiedTable, Column column) {
        return "ALTER TABLE " + qualifiedTable + " ADD COLUMN IF NOT EXISTS " + Table.quote(column.name()) + " "
                + column.type().sqlType();
    }

    /** Adds the columns to every table; false (after a warning) when the target refuses. */
    private boolean addColumns(List<Column> columns) {
        for (Table table : Table.values()) {
            for (Column column : columns) {
                try {
                    execute(addColumnSql(location.qualified(table), column));
                } catch (SQLException e) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: cannot add promoted column {1} to {2} ({3});"
                            + " writing without attribute promotion", label, column.name(), table.tableName(),
                            e.getMessage());
                    return false;
                }
            }
        }
        return true;
    }

    /** {@link #prepareSealPositions(Optional)} for the only writer of a target. */
    public void prepareSealPositions() throws SQLException {
        prepareSealPositions(Optional.empty());
    }

    /**
     * Creates the bookkeeping table {@code eider_seal_positions} beside the six tables (see
     * {@link SealPositions}): from then on every seal that carries a
     * {@link dev.eider.runtime.seal.WalRange} records it in its own transaction, under
     * {@code writerId} (empty: the target's only writer).
     */
    public void prepareSealPositions(Optional<String> writerId) throws SQLException {
        positions = SealPositions.prepare(connection, location.qualifiedSchema(), writerId);
        bookkeeping = positions;
    }

    /** The exclusive end of the log range last committed for {@code pipelineId}, if any. */
    public OptionalLong committedWalPosition(String pipelineId) throws SQLException {
        if (positions == null) {
            throw new IllegalStateException("seal positions of " + label + " are not prepared");
        }
        return positions.committed(connection, pipelineId);
    }

    /**
     * For targets that keep their own {@link SealBookkeeping}: every seal that carries a log range
     * consults and updates it inside its transaction.
     */
    public void keepSealBookkeeping(SealBookkeeping kept) {
        bookkeeping = kept;
    }

    /** Runs {@code work} on the writer's connection inside a transaction that is then rolled back. */
    public <T> T readInTransaction(SqlWork<T> work) throws SQLException {
        execute("BEGIN TRANSACTION");
        try {
            return work.apply(connection);
        } finally {
            execute("ROLLBACK");
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Writes every table of the seal in one transaction, one insert per table with rows (but for
     * tables the bookkeeping says already hold them), and the seal's log range when it has one.
     * Throws when nothing was committed (the transaction is rolled back).
     */
    public SealTiming seal(Seal seal) throws Exception {
        Map<Table, List<TableBatch>> tables = seal.tables();
        if (tables.values().stream().flatMap(List::stream).allMatch(b -> b.rowCount() == 0)) {
            return SealTiming.NONE;
        }
        long started = System.nanoTime();
        execute("BEGIN TRANSACTION");
        try {
            boolean logged = bookkeeping != null && seal.walRange() != null;
            Set<Table> held = logged ? bookkeeping.tablesHolding(connection, seal) : Set.of();
            for (Table table : Table.values()) {
                List<TableBatch> batches = tables.getOrDefault(table, List.of());
                if (!held.contains(table) && batches.stream().anyMatch(b -> b.rowCount() > 0)) {
                    inserter.insert(location.qualified(table), table, batches, tableColumns.get(table));
                }
            }
            if (logged) {
                bookkeeping.record(connection, seal);
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
    public void close() throws SQLException {
        connection.close();
    }

    /** {@code value} as a SQL string literal. */
    public static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private void rollback(Throwable failure) {
        try {
            execute("ROLLBACK");
        } catch (SQLException | RuntimeException e) {
            // A failed COMMIT has already ended the transaction; keep the original error in front.
            failure.addSuppressed(e);
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
