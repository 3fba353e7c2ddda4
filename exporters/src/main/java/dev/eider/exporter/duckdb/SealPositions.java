package dev.eider.exporter.duckdb;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table {@code eider_seal_positions}: per position key (writer id and pipeline) the
 * write-ahead log range of the last committed seal, written in the seal's own transaction. One
 * row per key, kept so by delete-then-insert (no key constraint: DuckLake has none).
 *
 * <p>Several collector processes may write one shared catalog; each must then use its own
 * writer id, since a position belongs to one process's log. Each writer instance stamps its rows
 * with a random instance id, so a row of the same key written by another live instance is caught
 * at the next seal instead of silently moving this writer's replay position.
 */
final class SealPositions implements SealBookkeeping {
    static final String TABLE = "eider_seal_positions";
    /** Stands for "no row" or "a row written before instances were recorded" at start. */
    private static final String NO_OWNER = "";

    private final String table;
    private final String writerId;
    private final String instance = UUID.randomUUID().toString();
    /** Per pipeline, the instance whose row {@link #committed} found at start: a previous run of this writer. */
    private final Map<String, String> ownerAtStart = new ConcurrentHashMap<>();

    private SealPositions(String table, String writerId) {
        this.table = table;
        this.writerId = writerId;
    }

    /**
     * Creates the table in {@code qualifiedSchema} if missing and adds the columns newer versions
     * record to one created before them. {@code writerId} empty is the unnamed writer (its rows
     * have a null writer id), the only writer of a single-writer target.
     */
    static SealPositions prepare(Connection connection, String qualifiedSchema, Optional<String> writerId)
            throws SQLException {
        String table = qualifiedSchema + "." + TABLE;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (pipeline VARCHAR NOT NULL, "
                    + "wal_from BIGINT NOT NULL, wal_to BIGINT NOT NULL, seal_sequence BIGINT NOT NULL, "
                    + "committed_at TIMESTAMPTZ NOT NULL, writer_id VARCHAR, writer_instance VARCHAR)");
            statement.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS writer_id VARCHAR");
            statement.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS writer_instance VARCHAR");
        }
        return new SealPositions(table, writerId.orElse(null));
    }

    /**
     * The exclusive end of the log range last committed for {@code pipelineId} by this writer id.
     * Also remembers which instance wrote that row, the one other instance allowed to have
     * written it (this writer's previous run).
     */
    OptionalLong committed(Connection connection, String pipelineId) throws SQLException {
        Row row = read(connection, pipelineId);
        ownerAtStart.putIfAbsent(pipelineId, row == null ? NO_OWNER : row.owner());
        return row == null ? OptionalLong.empty() : OptionalLong.of(row.walTo());
    }

    /**
     * Every table when the key's recorded position already covers the seal (a retry whose first
     * commit landed but whose answer was lost, as with a DuckLake catalog over the network), else
     * none: a seal commits whole or not at all.
     */
    @Override
    public Set<Table> tablesHolding(Connection connection, Seal seal) throws SQLException {
        Row row = read(connection, seal.pipelineId());
        return row != null && row.walTo() >= seal.walRange().to() ? EnumSet.allOf(Table.class) : Set.of();
    }

    /**
     * Replaces the key's row with {@code seal}'s range, inside the seal's open transaction. Throws
     * when the row was last written by another live writer instance with the same key, or when it
     * shows that the target holds part of the seal but not all of it.
     */
    @Override
    public void record(Connection connection, Seal seal) throws SQLException {
        Row current = read(connection, seal.pipelineId());
        if (current != null && !current.owner().equals(instance)
                && !current.owner().equals(ownerAtStart.get(seal.pipelineId()))) {
            throw new SQLException("the seal position of pipeline '" + seal.pipelineId() + "' in " + table
                    + " was written by another collector process (writer instance " + current.owner()
                    + ") using the same writer id " + (writerId == null ? "(none)" : "'" + writerId + "'")
                    + "; every collector writing to one catalog needs its own writer_id");
        }
        if (current != null && current.walTo() > seal.walRange().from() && current.walTo() < seal.walRange().to()) {
            // Retries keep their log range, so only a seal cut differently from one that landed
            // gets here: writing it would store the overlap twice.
            throw new SQLException("the target already holds log positions of pipeline '" + seal.pipelineId()
                    + "' up to " + current.walTo() + " but this seal covers " + seal.walRange().from() + " to "
                    + seal.walRange().to() + "; restart the collector to resume from the committed position");
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE pipeline = ? AND writer_id IS NOT DISTINCT FROM ?")) {
            delete.setString(1, seal.pipelineId());
            delete.setString(2, writerId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (pipeline, wal_from, wal_to, seal_sequence, committed_at, writer_id, writer_instance)"
                + " VALUES (?, ?, ?, ?, now(), ?, ?)")) {
            insert.setString(1, seal.pipelineId());
            insert.setLong(2, seal.walRange().from());
            insert.setLong(3, seal.walRange().to());
            insert.setLong(4, seal.sequence());
            insert.setString(5, writerId);
            insert.setString(6, instance);
            insert.executeUpdate();
        }
    }

    private Row read(Connection connection, String pipelineId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT wal_to, seal_sequence, writer_instance FROM "
                + table + " WHERE pipeline = ? AND writer_id IS NOT DISTINCT FROM ? ORDER BY committed_at DESC LIMIT 1")) {
            query.setString(1, pipelineId);
            query.setString(2, writerId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new Row(rows.getLong(1), rows.getLong(2), Objects.requireNonNullElse(rows.getString(3), NO_OWNER));
            }
        }
    }

    private record Row(long walTo, long sealSequence, String owner) {}
}
