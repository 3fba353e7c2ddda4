package dev.eider.runtime.admin;

import dev.eider.runtime.component.QueryTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * A real DuckDB file held open by a writer connection, as an exporter holds it, and the query
 * target over it (duplicates of the writer's connection, as the duckdb exporter's).
 */
final class WriterDatabase implements AutoCloseable {
    private final DuckDBConnection writer;

    WriterDatabase(Path file) throws SQLException {
        writer = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
    }

    QueryTarget target() {
        return this::duplicate;
    }

    Connection duplicate() throws SQLException {
        return writer.duplicate();
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, as a number. */
    long count(String sql) throws SQLException {
        try (Statement statement = writer.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        writer.close();
    }
}
