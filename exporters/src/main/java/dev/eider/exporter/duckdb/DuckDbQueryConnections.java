package dev.eider.exporter.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens query connections beside a {@link DuckDbWriter}, for every DuckDB-family exporter that is a
 * {@link dev.eider.runtime.component.QueryTarget}. A duplicate of the writer's connection
 * shares the open database instance (in memory too, attached catalogs included) without touching
 * the file lock, and MVCC shows it only committed seals.
 */
public final class DuckDbQueryConnections {
    private DuckDbQueryConnections() {}

    /** A new connection whose unqualified table names resolve to the writer's tables. */
    public static Connection open(DuckDbWriter writer) throws SQLException {
        if (writer == null) {
            throw new SQLException("the exporter is not started or already shut down");
        }
        Connection query = writer.duplicateConnection();
        try (Statement statement = query.createStatement()) {
            TableLocation location = writer.location();
            statement.execute(location.catalog().isPresent()
                    ? "USE " + location.qualifiedSchema()
                    : "SET schema = " + DuckDbWriter.sqlString(location.schema()));
        } catch (SQLException | RuntimeException e) {
            query.close();
            throw e;
        }
        return query;
    }
}
