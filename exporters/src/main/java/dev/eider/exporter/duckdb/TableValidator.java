package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks an existing table against docs/tables.md: the table's leading columns must be the
 * spec's columns with the same names and types, in order. Extra trailing columns are allowed; the
 * required extra columns (promoted attributes) must be among them with their type.
 */
final class TableValidator {
    private static final String EXISTS_SQL = "SELECT count(*) FROM information_schema.tables"
            + " WHERE table_catalog = coalesce(?, current_database()) AND table_schema = ? AND table_name = ?";

    private final Connection connection;
    private final TableLocation location;
    private final String databaseLabel;

    /** {@code databaseLabel} names the database in messages (its path). */
    TableValidator(Connection connection, TableLocation location, String databaseLabel) {
        this.connection = connection;
        this.location = location;
        this.databaseLabel = databaseLabel;
    }

    /**
     * Returns the lower-cased names of the table's columns. Throws IllegalStateException naming the
     * table, column, expected and found type on a mismatch, and the {@code ALTER TABLE} to run when
     * a required extra column is missing.
     */
    Set<String> validate(Table table, List<Column> requiredExtra) throws SQLException {
        List<FoundColumn> found = existingColumns(table);
        String qualified = location.schema() + "." + table.tableName();
        if (found.isEmpty()) {
            throw new IllegalStateException("table " + qualified + " does not exist in " + databaseLabel
                    + " (create it, or set create_tables: true)");
        }
        List<Column> expected = table.columns();
        for (int i = 0; i < expected.size(); i++) {
            Column want = expected.get(i);
            String wanted = want.name() + " " + want.type().sqlType();
            if (i >= found.size()) {
                throw new IllegalStateException("table " + qualified + " in " + databaseLabel + " column " + (i + 1)
                        + ": expected " + wanted + ", found no column (the table has only " + found.size()
                        + " of its " + expected.size() + " columns)");
            }
            FoundColumn got = found.get(i);
            if (!got.name().equals(want.name()) || !got.type().equals(want.type().sqlType())) {
                throw new IllegalStateException("table " + qualified + " in " + databaseLabel + " column " + (i + 1)
                        + ": expected " + wanted + ", found " + got.name() + " " + got.type());
            }
        }
        Map<String, FoundColumn> byName = new HashMap<>();
        found.forEach(c -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
        for (Column want : requiredExtra) {
            FoundColumn got = byName.get(want.name().toLowerCase(Locale.ROOT));
            if (got == null) {
                throw new IllegalStateException("table " + qualified + " in " + databaseLabel + " has no column "
                        + want.name() + " for a promoted attribute; add it with "
                        + DuckDbWriter.addColumnSql(location.qualified(table), want)
                        + " (or set create_tables: true)");
            }
            if (!got.type().equals(want.type().sqlType())) {
                throw new IllegalStateException("table " + qualified + " in " + databaseLabel + " column " + got.name()
                        + " holds a promoted attribute: expected " + want.type().sqlType() + ", found " + got.type());
            }
        }
        return Set.copyOf(byName.keySet());
    }

    /** A found column: its name and DuckDB type name as information_schema spells it. */
    private record FoundColumn(String name, String type) {}

    /**
     * The table's columns, or none when it does not exist. Columns come from {@code DESCRIBE}, not
     * information_schema.columns: catalogs that load table schemas lazily (Iceberg REST) list only
     * a placeholder column there.
     */
    private List<FoundColumn> existingColumns(Table table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EXISTS_SQL)) {
            if (location.catalog().isPresent()) {
                statement.setString(1, location.catalog().get());
            } else {
                statement.setNull(1, Types.VARCHAR);
            }
            statement.setString(2, location.schema());
            statement.setString(3, table.tableName());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return List.of();
                }
            }
        }
        List<FoundColumn> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("DESCRIBE " + location.qualified(table))) {
            while (rows.next()) {
                columns.add(new FoundColumn(rows.getString("column_name"), rows.getString("column_type")));
            }
        }
        return columns;
    }
}
