package dev.eider.runtime.admin;

import dev.eider.runtime.component.QueryTarget;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, before a query runs, that it is one SELECT that reads only the database's own tables.
 * DuckDB does the parsing: {@code json_serialize_sql} serializes SELECT statements only, and
 * {@code json_serialize_plan} shows what the bound statement scans (views resolved). Files are
 * kept out by allowing only table functions that read no files, and {@code read_parquet} only
 * over files under the target's own directories. Writes are stopped separately
 * by running the query in a read-only transaction. A plan with a DuckLake scan, or an Iceberg
 * scan for a target that queries an Iceberg catalog, which {@code json_serialize_plan} cannot
 * show, is checked on its physical plan instead ({@link PhysicalPlanCheck}).
 */
final class ReadOnlyGuard {
    /** Table functions that compute rows or read the catalog; none reaches a file or the network. */
    static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of(
            "range", "generate_series", "unnest", "json_each", "json_tree",
            "duckdb_tables", "duckdb_views", "duckdb_columns", "duckdb_schemas", "duckdb_databases",
            "duckdb_types", "duckdb_functions", "duckdb_constraints", "duckdb_indexes",
            "duckdb_keywords", "duckdb_sequences", "pragma_table_info");
    /** The Parquet reader, allowed in a bound plan only over files under the target's file roots. */
    private static final String PARQUET_SCAN = "read_parquet";
    /** What the bound plan calls a scan of a table. */
    private static final String TABLE_SCAN = "seq_scan";
    /** Characters of a table name DuckDB would replace with a file scan ('x.csv', 's3://...'). */
    private static final String FILE_NAME_CHARACTERS = "./\\:";

    private ReadOnlyGuard() {}

    /**
     * {@code target}'s file roots are the directories whose Parquet files its own views read;
     * {@code parameters} are the values the statement will run with (the physical plan check
     * plans it with them).
     *
     * @throws QueryException naming why the statement may not run
     */
    static void check(Connection connection, String sql, QueryRunner.ParameterBinder parameters, QueryTarget target)
            throws SQLException, QueryException {
        Map<?, ?> parsed = serialize(connection, "json_serialize_sql", sql);
        if (Boolean.TRUE.equals(parsed.get("error"))) {
            throw parseError(parsed);
        }
        List<?> statements = (List<?>) parsed.get("statements");
        if (statements.size() != 1) {
            throw QueryException.rejected("send exactly one statement, got " + statements.size());
        }
        checkParsed(statements.get(0));
        // Only now is the statement bound: binding a file scan would already open the file.
        Map<?, ?> plan = serialize(connection, "json_serialize_plan", sql);
        if (Boolean.TRUE.equals(plan.get("error"))) {
            String message = String.valueOf(plan.get("error_message"));
            boolean iceberg = target.queriesIcebergCatalog();
            if (PhysicalPlanCheck.DUCKLAKE_SCAN_NOT_SERIALIZABLE.equals(message)
                    || (iceberg && PhysicalPlanCheck.ICEBERG_SCAN_NOT_SERIALIZABLE.equals(message))) {
                PhysicalPlanCheck.check(connection, sql, parameters, iceberg);
                return;
            }
            if ("not implemented".equals(plan.get("error_type")) || message.contains("serializ")) {
                // A plan DuckDB cannot show cannot be checked, so it does not run (file readers
                // such as read_csv behind a view land here).
                throw QueryException.rejected("the query cannot be checked for reads outside the collector's"
                        + " tables, so it does not run (" + message + ")");
            }
            // Binding errors: unknown table or column, wrong types.
            throw QueryException.failed(message, null);
        }
        checkPlan(plan.get("plans"), target.queryFileRoots());
    }

    private static QueryException parseError(Map<?, ?> parsed) {
        String message = String.valueOf(parsed.get("error_message"));
        if (message.startsWith("Only SELECT statements")) {
            return QueryException.rejected("only read-only SELECT queries are allowed (also FROM ..., WITH ..., VALUES, DESCRIBE,"
                    + " SHOW, SUMMARIZE); INSERT, UPDATE, DELETE, CREATE, COPY, ATTACH, PRAGMA, SET, CALL,"
                    + " EXPORT and other statements are refused");
        }
        return QueryException.failed(message, null);
    }

    private static void checkParsed(Object node) throws QueryException {
        if (node instanceof Map<?, ?> map) {
            Object type = map.get("type");
            if ("TABLE_FUNCTION".equals(type) && map.get("function") instanceof Map<?, ?> function) {
                requireAllowedFunction(String.valueOf(function.get("function_name")));
            } else if ("BASE_TABLE".equals(type)) {
                requireTableName(String.valueOf(map.get("table_name")));
            }
            for (Object child : map.values()) {
                checkParsed(child);
            }
        } else if (node instanceof List<?> list) {
            for (Object child : list) {
                checkParsed(child);
            }
        }
    }

    private static void checkPlan(Object node, List<String> fileRoots) throws QueryException {
        if (node instanceof Map<?, ?> map) {
            if ("LOGICAL_GET".equals(map.get("type"))) {
                String scan = String.valueOf(map.get("name"));
                if (scan.equals(PARQUET_SCAN) && !fileRoots.isEmpty()) {
                    requireFilesUnder(map.get("function_data"), fileRoots);
                } else if (!scan.equals(TABLE_SCAN)) {
                    requireAllowedFunction(scan);
                }
            }
            for (Object child : map.values()) {
                checkPlan(child, fileRoots);
            }
        } else if (node instanceof List<?> list) {
            for (Object child : list) {
                checkPlan(child, fileRoots);
            }
        }
    }

    /** The bound scan lists every file it reads, globs expanded; each must lie under a root. */
    private static void requireFilesUnder(Object functionData, List<String> fileRoots) throws QueryException {
        if (!(functionData instanceof Map<?, ?> data) || !(data.get("files") instanceof List<?> files)) {
            throw QueryException.rejected("a read_parquet scan whose files cannot be listed does not run");
        }
        for (Object file : files) {
            String name = String.valueOf(file);
            if (fileRoots.stream().noneMatch(root -> isUnder(name, root))) {
                throw QueryException.rejected("'" + name + "' is not one of the exporter's Parquet files: queries"
                        + " read the collector's tables only");
            }
        }
    }

    static boolean isUnder(String file, String root) {
        if (root.contains("://")) {
            return isUnderUrl(file, root);
        }
        try {
            // Real paths: no '..' segment or symbolic link leads out of the root unnoticed.
            return Path.of(file).toRealPath().startsWith(Path.of(root).toRealPath());
        } catch (InvalidPathException | IOException e) {
            return false;
        }
    }

    /**
     * An object-store key is a plain string: the file must extend the root's prefix by a path
     * whose segments are all names ('.' and '..' are refused, as a store may resolve them).
     */
    private static boolean isUnderUrl(String file, String root) {
        String prefix = root.endsWith("/") ? root : root + "/";
        if (!file.startsWith(prefix)) {
            return false;
        }
        for (String segment : file.substring(prefix.length()).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static void requireAllowedFunction(String name) throws QueryException {
        if (!ALLOWED_TABLE_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))) {
            throw QueryException.rejected("table function '" + name + "' is not allowed: queries read the"
                    + " collector's tables, not files or other sources (allowed table functions: "
                    + String.join(", ", new TreeSet<>(ALLOWED_TABLE_FUNCTIONS)) + ")");
        }
    }

    private static void requireTableName(String name) throws QueryException {
        for (char c : FILE_NAME_CHARACTERS.toCharArray()) {
            if (name.indexOf(c) >= 0) {
                throw QueryException.rejected("'" + name + "' looks like a file or URL: queries read the"
                        + " collector's tables only");
            }
        }
    }

    private static Map<?, ?> serialize(Connection connection, String function, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?::VARCHAR)")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return (Map<?, ?>) AdminJson.read(result.getString(1));
            }
        }
    }
}
