package dev.eider.exporter.ducklake;

import dev.eider.exporter.MarkedRows;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MarkedRows} plus an independent DuckDB observer for the DuckLake tests, so a test can read
 * back exactly which rows landed.
 */
final class LakeFixture extends MarkedRows {
    /** The offline extension directory, checked to hold ducklake. */
    static String extensionDirectory() {
        return extensionDirectory("ducklake");
    }

    /** A separate in-memory DuckDB that attaches the same catalog read-only as {@code lake}. */
    static Connection observer(String metadata) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        execute(db, "SET extension_directory = '" + extensionDirectory() + "'");
        execute(db, "LOAD ducklake");
        if (metadata.startsWith("postgres:")) {
            execute(db, "LOAD postgres");
        }
        execute(db, "ATTACH 'ducklake:" + metadata + "' AS lake (READ_ONLY)");
        return db;
    }

    static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The markers in the table, sorted by serial. */
    static List<String> markers(Connection db, Table table) throws SQLException {
        List<String> found = new ArrayList<>();
        String sql = "SELECT \"" + marker(table) + "\" FROM lake.main." + table.tableName()
                + " ORDER BY CAST(substr(\"" + marker(table) + "\", 5) AS INTEGER)";
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    /** The Parquet files the catalog lists for a table's current snapshot. */
    static long dataFiles(Connection db, Table table) throws SQLException {
        return count(db, "SELECT count(*) FROM ducklake_list_files('lake', '" + table.tableName() + "')");
    }
}
