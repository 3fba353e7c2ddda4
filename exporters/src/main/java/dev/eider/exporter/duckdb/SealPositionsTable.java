package dev.eider.exporter.duckdb;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The bookkeeping table {@code eider_seal_positions} beside the six tables, for targets that
 * commit a seal's tables together: per pipeline, the write-ahead log range of its last committed
 * seal. One row per pipeline, kept so by delete-then-insert (no key constraint: DuckLake has none).
 */
final class SealPositionsTable implements SealBookkeeping {
    private final String qualifiedName;

    SealPositionsTable(String qualifiedName) {
        this.qualifiedName = qualifiedName;
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName + " (pipeline VARCHAR NOT NULL, wal_from BIGINT NOT NULL, "
                + "wal_to BIGINT NOT NULL, seal_sequence BIGINT NOT NULL, committed_at TIMESTAMPTZ NOT NULL)";
    }

    /** The exclusive end of the log range last committed for {@code pipelineId}, if any. */
    OptionalLong committedWalPosition(Connection connection, String pipelineId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT wal_to FROM " + qualifiedName + " WHERE pipeline = ?")) {
            query.setString(1, pipelineId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Every table when the pipeline's recorded position already covers the seal (a retry whose
     * first commit landed but whose answer was lost, as with a DuckLake catalog over the network),
     * else none: a seal commits whole or not at all.
     */
    @Override
    public Set<Table> tablesHolding(Connection connection, Seal seal) throws SQLException {
        OptionalLong committed = committedWalPosition(connection, seal.pipelineId());
        return committed.isPresent() && committed.getAsLong() >= seal.walRange().to()
                ? EnumSet.allOf(Table.class) : Set.of();
    }

    @Override
    public void record(Connection connection, Seal seal) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + qualifiedName + " WHERE pipeline = ?")) {
            delete.setString(1, seal.pipelineId());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + qualifiedName + " VALUES (?, ?, ?, ?, now())")) {
            insert.setString(1, seal.pipelineId());
            insert.setLong(2, seal.walRange().from());
            insert.setLong(3, seal.walRange().to());
            insert.setLong(4, seal.sequence());
            insert.executeUpdate();
        }
    }
}
