package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seal position rows in a real (in-memory) DuckDB database. */
class SealPositionsTest {
    private final Connection db = open();

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void aRetryOfACommittedSealIsHeldWholeAndAPartlyCoveredOneIsRefused() throws Exception {
        SealPositions positions = SealPositions.prepare(db, "main", Optional.of("a"));
        assertEquals(OptionalLong.empty(), positions.committed(db, "logs"));
        Seal first = seal(1, 0, 5);
        assertEquals(Set.of(), positions.tablesHolding(db, first));
        recordCommitted(positions, first);

        assertEquals(EnumSet.allOf(Table.class), positions.tablesHolding(db, first), "the same range again");
        assertEquals(Set.of(), positions.tablesHolding(db, seal(2, 5, 9)), "the next range");
        SQLException refused = assertThrows(SQLException.class, () -> recordCommitted(positions, seal(2, 3, 9)));
        assertTrue(refused.getMessage().contains("already holds log positions"), refused.getMessage());
        execute("ROLLBACK");
        SealPositions restarted = SealPositions.prepare(db, "main", Optional.of("a"));
        assertEquals(OptionalLong.of(5), restarted.committed(db, "logs"));
    }

    @Test
    void eachWriterIdKeepsItsOwnRowAndTheUnnamedWriterIsOneMore() throws Exception {
        SealPositions a = SealPositions.prepare(db, "main", Optional.of("a"));
        SealPositions b = SealPositions.prepare(db, "main", Optional.of("b"));
        SealPositions unnamed = SealPositions.prepare(db, "main", Optional.empty());
        for (SealPositions p : new SealPositions[] {a, b, unnamed}) {
            p.committed(db, "logs");
        }
        recordCommitted(a, seal(1, 0, 3));
        recordCommitted(b, seal(1, 0, 7));
        recordCommitted(a, seal(2, 3, 4));

        assertEquals(OptionalLong.of(4), a.committed(db, "logs"));
        assertEquals(OptionalLong.of(7), b.committed(db, "logs"));
        assertEquals(OptionalLong.empty(), unnamed.committed(db, "logs"));
        assertEquals(2L, count("SELECT count(*) FROM main.eider_seal_positions"));
    }

    @Test
    void aTableFromBeforeWriterIdsGainsTheColumnsAndItsRowStaysTheUnnamedWritersPosition() throws Exception {
        execute("CREATE TABLE main.eider_seal_positions (pipeline VARCHAR NOT NULL, wal_from BIGINT NOT NULL, "
                + "wal_to BIGINT NOT NULL, seal_sequence BIGINT NOT NULL, committed_at TIMESTAMPTZ NOT NULL)");
        execute("INSERT INTO main.eider_seal_positions VALUES ('logs', 0, 12, 3, now())");
        SealPositions unnamed = SealPositions.prepare(db, "main", Optional.empty());

        assertEquals(OptionalLong.of(12), unnamed.committed(db, "logs"));
        recordCommitted(unnamed, seal(1, 12, 15));
        assertEquals(OptionalLong.of(15), unnamed.committed(db, "logs"));
        assertEquals(1L, count("SELECT count(*) FROM main.eider_seal_positions"));
    }

    private void recordCommitted(SealPositions positions, Seal seal) throws SQLException {
        execute("BEGIN TRANSACTION");
        positions.record(db, seal);
        execute("COMMIT");
    }

    private static Seal seal(long sequence, long from, long to) {
        return new Seal("logs", sequence, Map.of(), false, new WalRange(from, to));
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection open() {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
