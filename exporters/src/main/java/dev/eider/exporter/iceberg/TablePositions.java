package dev.eider.exporter.iceberg;

import static dev.eider.exporter.duckdb.DuckDbWriter.sqlString;

import dev.eider.exporter.duckdb.SealBookkeeping;
import dev.eider.exporter.duckdb.TableLocation;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Exactly-once bookkeeping for Iceberg, kept per table: the table property
 * {@code eider.wal-position.<pipeline>} holds the end of the write-ahead log range whose rows the
 * table holds. Each seal sets it on all six tables in its own transaction, so DuckDB sends it in
 * the same table update as the table's new snapshot, which every catalog applies atomically. The
 * tables of one commit are not necessarily applied together (Iceberg's reference REST adapter
 * commits them one by one, so a failure can leave some committed), hence a position per table.
 *
 * <p>Because every seal moves all six positions, and a failed seal is retried (or, after a crash,
 * replayed first) with the same range, the positions of a pipeline are at most two values: the
 * start and the end of the one seal that may be committed in part. A table at the end already
 * holds that seal's rows and is skipped; the others take them.
 */
final class TablePositions implements SealBookkeeping {
    static final String PROPERTY_PREFIX = "eider.wal-position.";

    private final TableLocation location;

    TablePositions(TableLocation location) {
        this.location = location;
    }

    /** A pipeline's positions over the six tables: what replay resumes from and must re-seal first. */
    record Summary(OptionalLong committed, OptionalLong unfinishedSealEnd) {}

    static String property(String pipelineId) {
        return PROPERTY_PREFIX + pipelineId;
    }

    /**
     * Reads the six positions; must run inside an explicit transaction (DuckDB 1.4.4's
     * {@code iceberg_table_properties} lists nothing outside one).
     */
    Summary summarize(Connection connection, String pipelineId) throws SQLException {
        Map<Table, OptionalLong> positions = read(connection, pipelineId);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int present = 0;
        for (OptionalLong p : positions.values()) {
            if (p.isPresent()) {
                present++;
                min = Math.min(min, p.getAsLong());
                max = Math.max(max, p.getAsLong());
            }
        }
        if (present == 0) {
            return new Summary(OptionalLong.empty(), OptionalLong.empty());
        }
        // A table without a position holds nothing of the pipeline: replay starts at the log's start.
        OptionalLong committed = present == positions.size() ? OptionalLong.of(min) : OptionalLong.empty();
        boolean whole = committed.isPresent() && min == max;
        return new Summary(committed, whole ? OptionalLong.empty() : OptionalLong.of(max));
    }

    @Override
    public Set<Table> tablesHolding(Connection connection, Seal seal) throws SQLException {
        Set<Table> holding = EnumSet.noneOf(Table.class);
        read(connection, seal.pipelineId()).forEach((table, position) -> {
            if (position.isPresent() && position.getAsLong() >= seal.walRange().to()) {
                holding.add(table);
            }
        });
        return holding;
    }

    @Override
    public void record(Connection connection, Seal seal) throws SQLException {
        String value = "{" + sqlString(property(seal.pipelineId())) + ": "
                + sqlString(Long.toString(seal.walRange().to())) + "}";
        try (Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                statement.execute("CALL set_iceberg_table_properties(" + location.qualified(table) + ", " + value + ")");
            }
        }
    }

    private Map<Table, OptionalLong> read(Connection connection, String pipelineId) throws SQLException {
        Map<Table, OptionalLong> positions = new EnumMap<>(Table.class);
        String key = property(pipelineId);
        for (Table table : Table.values()) {
            OptionalLong position = OptionalLong.empty();
            try (PreparedStatement query = connection.prepareStatement("SELECT value FROM iceberg_table_properties("
                    + location.qualified(table) + ") WHERE key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        position = OptionalLong.of(parse(table, key, rows.getString(1)));
                    }
                }
            }
            positions.put(table, position);
        }
        return positions;
    }

    private static long parse(Table table, String key, String value) throws SQLException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new SQLException("table property " + key + " of " + table.tableName() + " is not a log position: '"
                    + value + "'; it is Eider's exactly-once bookkeeping, remove or fix it", e);
        }
    }
}
