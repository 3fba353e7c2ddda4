package dev.eider.runtime.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bound-plan check for statements that scan a DuckLake table. DuckLake's scan cannot be
 * serialized by {@code json_serialize_plan}, so these statements are checked on the physical plan
 * that {@code EXPLAIN (FORMAT JSON)} shows (binds and plans, runs nothing): every operator that
 * produces rows from nothing must be a scan of a collector table, an allowed table function, or
 * an operator that reads no source at all.
 */
final class PhysicalPlanCheck {
    /** The {@code json_serialize_plan} error of a plan whose only unserializable part may be a DuckLake scan. */
    static final String DUCKLAKE_SCAN_NOT_SERIALIZABLE = "DuckLakeScan not implemented";

    /** Leaf operators that read a table of the attached databases: DuckDB's own and DuckLake's. */
    private static final Set<String> TABLE_SCANS = Set.of("SEQ_SCAN", "DUCKLAKE_SCAN");
    /** Leaf operators that read no source: constants, VALUES, CTE and subquery replays, empty results. */
    private static final Set<String> SOURCELESS_LEAVES = Set.of("DUMMY_SCAN", "COLUMN_DATA_SCAN", "EMPTY_RESULT",
            "CTE_SCAN", "RECURSIVE_CTE_SCAN", "DELIM_SCAN", "EXPRESSION_SCAN");

    private PhysicalPlanCheck() {}

    /** {@code sql} has been parsed as exactly one SELECT before this runs. */
    static void check(Connection connection, String sql) throws SQLException, QueryException {
        String explained;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
            result.next();
            explained = result.getString(2);
        }
        checkOperators(AdminJson.read(explained));
    }

    private static void checkOperators(Object node) throws QueryException {
        if (node instanceof List<?> list) {
            for (Object child : list) {
                checkOperators(child);
            }
            return;
        }
        Map<?, ?> operator = (Map<?, ?>) node;
        String name = String.valueOf(operator.get("name")).strip();
        List<?> children = (List<?>) operator.get("children");
        if (operator.get("extra_info") instanceof Map<?, ?> info && info.get("Function") != null) {
            ReadOnlyGuard.requireAllowedFunction(String.valueOf(info.get("Function")).toLowerCase(Locale.ROOT));
        } else if (children.isEmpty() && !TABLE_SCANS.contains(name) && !SOURCELESS_LEAVES.contains(name)) {
            ReadOnlyGuard.requireAllowedFunction(name.toLowerCase(Locale.ROOT));
        }
        checkOperators(children);
    }
}
