package dev.eider.exporter.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * Opens query connections on the exporter's database. A duplicate shares the open database
 * instance (in memory too) without touching its file lock, and MVCC shows it only committed seals.
 */
final class DuckDbQueryConnections {
    private DuckDbQueryConnections() {}

    static Connection open(DuckDBConnection writer, String schema) throws SQLException {
        if (writer == null) {
            throw new SQLException("the exporter is not started or already shut down");
        }
        DuckDBConnection query = writer.duplicate();
        try (Statement statement = query.createStatement()) {
            // Unqualified table names resolve to the exporter's schema, as they do for its writer.
            statement.execute("SET schema = '" + schema.replace("'", "''") + "'");
        } catch (SQLException | RuntimeException e) {
            query.close();
            throw e;
        }
        return query;
    }
}
