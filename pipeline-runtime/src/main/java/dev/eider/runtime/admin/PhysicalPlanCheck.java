package dev.eider.runtime.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bound-plan check for statements that scan a DuckLake or Iceberg table. Neither scan can be
 * serialized by {@code json_serialize_plan}, so these statements are checked on the physical plan
 * that {@code EXPLAIN (FORMAT JSON)} shows (binds and plans, runs nothing): every operator that
 * produces rows from nothing must be a scan of a collector table, an allowed table function, or
 * an operator that reads no source at all.
 */
final class PhysicalPlanCheck {
    /** The {@code json_serialize_plan} error of a plan whose only unserializable part may be a DuckLake scan. */
    static final String DUCKLAKE_SCAN_NOT_SERIALIZABLE = "DuckLakeScan not implemented";

    /** The {@code json_serialize_plan} error of a plan with an Iceberg scan (of a table or of {@code iceberg_scan}). */
    static final String ICEBERG_SCAN_NOT_SERIALIZABLE = "IcebergScan serialization not implemented";

    /**
     * The iceberg extension's scan, accepted only for targets that query an Iceberg catalog.
     *
     * <p>In DuckDB 1.4.4 (iceberg extension 1095c1fa) a scan of a table of an attached Iceberg
     * REST catalog and {@code iceberg_scan('<any location>')} look the same to every check the
     * guard has: {@code json_serialize_plan} fails on both with {@link #ICEBERG_SCAN_NOT_SERIALIZABLE},
     * and {@code EXPLAIN (FORMAT JSON)} shows both as an {@code ICEBERG_SCAN} operator with
     * {@code "Function": "ICEBERG_SCAN"} and no location. The plan cannot tell them apart, so what
     * makes an {@code ICEBERG_SCAN} a scan of the target's own tables is everything before it:
     * <ul>
     *   <li>the statement names no location: the parse-level check refuses every table function
     *       off the allowlist, which holds none of the iceberg extension's ({@code iceberg_scan},
     *       {@code iceberg_metadata}, {@code iceberg_snapshots}, {@code iceberg_table_properties},
     *       {@code iceberg_to_ducklake}, ...), and every table name that looks like a path;</li>
     *   <li>the query connection holds nothing else that could call {@code iceberg_scan}: it is a
     *       fresh in-memory database with no views or macros, and the only attached catalog is the
     *       target's own (attached read-only);</li>
     *   <li>the catalog cannot smuggle one in: the iceberg extension of DuckDB 1.4.4 does not
     *       show a REST catalog's views at all (a view is "does not exist"), so only its tables
     *       bind, and a table scan reads the files the catalog lists for that table (as a
     *       DuckLake scan does).</li>
     * </ul>
     * Every other target keeps refusing {@code ICEBERG_SCAN}: a DuckDB file or a DuckLake catalog
     * can hold a view over {@code iceberg_scan} of any path, and the extension autoloads.
     */
    private static final String ICEBERG_SCAN = "ICEBERG_SCAN";
    /** Leaf operators that read a table of the attached databases: DuckDB's own and DuckLake's. */
    private static final Set<String> TABLE_SCANS = Set.of("SEQ_SCAN", "DUCKLAKE_SCAN");
    /** Leaf operators that read no source: constants, VALUES, CTE and subquery replays, empty results. */
    private static final Set<String> SOURCELESS_LEAVES = Set.of("DUMMY_SCAN", "COLUMN_DATA_SCAN", "EMPTY_RESULT",
            "CTE_SCAN", "RECURSIVE_CTE_SCAN", "DELIM_SCAN", "EXPRESSION_SCAN");

    private PhysicalPlanCheck() {}

    /**
     * {@code sql} has been parsed as exactly one SELECT before this runs; {@code parameters}
     * binds the values it runs with; {@code icebergCatalog} when the target queries an Iceberg
     * catalog (see {@link #ICEBERG_SCAN}).
     */
    static void check(Connection connection, String sql, QueryRunner.ParameterBinder parameters,
            boolean icebergCatalog) throws SQLException, QueryException {
        String explained;
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            parameters.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                explained = result.getString(2);
            }
        }
        checkOperators(AdminJson.read(explained), icebergCatalog);
    }

    private static void checkOperators(Object node, boolean icebergCatalog) throws QueryException {
        if (node instanceof List<?> list) {
            for (Object child : list) {
                checkOperators(child, icebergCatalog);
            }
            return;
        }
        Map<?, ?> operator = (Map<?, ?>) node;
        String name = String.valueOf(operator.get("name")).strip();
        List<?> children = (List<?>) operator.get("children");
        if (operator.get("extra_info") instanceof Map<?, ?> info && info.get("Function") != null) {
            String function = String.valueOf(info.get("Function"));
            if (!(icebergCatalog && function.equals(ICEBERG_SCAN))) {
                ReadOnlyGuard.requireAllowedFunction(function.toLowerCase(Locale.ROOT));
            }
        } else if (children.isEmpty() && !TABLE_SCANS.contains(name) && !SOURCELESS_LEAVES.contains(name)) {
            ReadOnlyGuard.requireAllowedFunction(name.toLowerCase(Locale.ROOT));
        }
        checkOperators(children, icebergCatalog);
    }
}
