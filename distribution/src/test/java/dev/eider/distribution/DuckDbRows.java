package dev.eider.distribution;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rows back from a DuckDB file through a separate, read-only connection. */
final class DuckDbRows {
    private DuckDbRows() {}

    /** Every row of the query as column-name -> JDBC value (arrays as java.sql.Array contents). */
    static List<Map<String, Object>> query(Path database, String sql) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Array a) {
                        v = List.of((Object[]) a.getArray());
                    }
                    row.put(md.getColumnLabel(i), v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static long count(Path database, String table) throws SQLException {
        return ((Number) query(database, "SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
    }
}
