package dev.eider.exporter.duckdb;

import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * What a target records, inside each seal's own transaction, about the write-ahead log range the
 * seal covers ({@link Seal#walRange()}), and what it already holds of a seal it is given again.
 * Both methods run on the writer's connection, inside the seal's transaction, for seals that
 * carry a range only.
 */
public interface SealBookkeeping {
    /** The tables that already hold their rows of {@code seal}: those rows are not inserted again. */
    Set<Table> tablesHolding(Connection connection, Seal seal) throws SQLException;

    /** Records the seal's range; runs after the inserts, before {@code COMMIT}. */
    void record(Connection connection, Seal seal) throws SQLException;
}
