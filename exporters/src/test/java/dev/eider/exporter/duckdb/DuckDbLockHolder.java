package dev.eider.exporter.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;

/** Runs in a child JVM: opens a DuckDB file (taking its lock), says so, and holds it until stdin closes. */
public final class DuckDbLockHolder {
    private DuckDbLockHolder() {}

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)");
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
