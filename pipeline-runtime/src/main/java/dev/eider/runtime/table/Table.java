package dev.eider.runtime.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Schema;

import static dev.eider.runtime.table.ColumnType.BIGINT;
import static dev.eider.runtime.table.ColumnType.BIGINT_LIST;
import static dev.eider.runtime.table.ColumnType.BOOLEAN;
import static dev.eider.runtime.table.ColumnType.DOUBLE;
import static dev.eider.runtime.table.ColumnType.DOUBLE_LIST;
import static dev.eider.runtime.table.ColumnType.INTEGER;
import static dev.eider.runtime.table.ColumnType.TIMESTAMP;
import static dev.eider.runtime.table.ColumnType.VARCHAR;

/**
 * The six target tables of docs/tables.md, defined once: names, column order and types.
 * The Arrow schema and the DuckDB DDL both derive from this definition.
 */
public enum Table {
    TRACES("otlp_traces", cols(
            "start_time_unix_nano", TIMESTAMP, "duration_time_unix_nano", BIGINT,
            "trace_id", VARCHAR, "span_id", VARCHAR, "parent_span_id", VARCHAR, "trace_state", VARCHAR,
            "service_name", VARCHAR, "service_namespace", VARCHAR, "service_instance_id", VARCHAR,
            "name", VARCHAR, "kind", INTEGER, "status_code", INTEGER, "status_status_message", VARCHAR,
            "resource_attributes", VARCHAR, "scope_name", VARCHAR, "scope_version", VARCHAR,
            "scope_attributes", VARCHAR, "span_attributes", VARCHAR, "events_json", VARCHAR,
            "links_json", VARCHAR, "dropped_attributes_count", INTEGER, "dropped_events_count", INTEGER,
            "dropped_links_count", INTEGER, "flags", INTEGER)),
    LOGS("otlp_logs", cols(
            "time_unix_nano", TIMESTAMP, "observed_time_unix_nano", TIMESTAMP,
            "trace_id", VARCHAR, "span_id", VARCHAR,
            "service_name", VARCHAR, "service_namespace", VARCHAR, "service_instance_id", VARCHAR,
            "severity_number", INTEGER, "severity_text", VARCHAR, "event_name", VARCHAR, "body", VARCHAR,
            "resource_attributes", VARCHAR, "scope_name", VARCHAR, "scope_version", VARCHAR,
            "scope_attributes", VARCHAR, "log_attributes", VARCHAR,
            "dropped_attributes_count", INTEGER, "flags", INTEGER)),
    METRICS_GAUGE("otlp_metrics_gauge", gaugeColumns()),
    METRICS_SUM("otlp_metrics_sum", concat(gaugeColumns(), cols(
            "aggregation_temporality", INTEGER, "is_monotonic", BOOLEAN))),
    METRICS_HISTOGRAM("otlp_metrics_histogram", cols(
            "time_unix_nano", TIMESTAMP, "start_time_unix_nano", TIMESTAMP,
            "name", VARCHAR, "description", VARCHAR, "unit", VARCHAR,
            "count", BIGINT, "sum", DOUBLE, "min", DOUBLE, "max", DOUBLE,
            "bucket_counts", BIGINT_LIST, "explicit_bounds", DOUBLE_LIST,
            "service_name", VARCHAR, "service_namespace", VARCHAR, "service_instance_id", VARCHAR,
            "resource_attributes", VARCHAR, "scope_name", VARCHAR, "scope_version", VARCHAR,
            "scope_attributes", VARCHAR, "metric_attributes", VARCHAR, "flags", INTEGER,
            "exemplars_json", VARCHAR, "aggregation_temporality", INTEGER)),
    METRICS_EXP_HISTOGRAM("otlp_metrics_exp_histogram", cols(
            "time_unix_nano", TIMESTAMP, "start_time_unix_nano", TIMESTAMP,
            "name", VARCHAR, "description", VARCHAR, "unit", VARCHAR,
            "count", BIGINT, "sum", DOUBLE, "min", DOUBLE, "max", DOUBLE,
            "scale", INTEGER, "zero_count", BIGINT, "zero_threshold", DOUBLE,
            "positive_offset", INTEGER, "positive_bucket_counts", BIGINT_LIST,
            "negative_offset", INTEGER, "negative_bucket_counts", BIGINT_LIST,
            "service_name", VARCHAR, "service_namespace", VARCHAR, "service_instance_id", VARCHAR,
            "resource_attributes", VARCHAR, "scope_name", VARCHAR, "scope_version", VARCHAR,
            "scope_attributes", VARCHAR, "metric_attributes", VARCHAR, "flags", INTEGER,
            "exemplars_json", VARCHAR, "aggregation_temporality", INTEGER));

    private final String tableName;
    private final List<Column> columns;
    private final Schema arrowSchema;

    Table(String tableName, List<Column> columns) {
        this.tableName = tableName;
        this.columns = Collections.unmodifiableList(columns);
        this.arrowSchema = new Schema(columns.stream().map(c -> c.type().arrowField(c.name())).toList());
    }

    /** The table's name in every target, e.g. {@code otlp_logs}. */
    public String tableName() {
        return tableName;
    }

    public List<Column> columns() {
        return columns;
    }

    public Schema arrowSchema() {
        return arrowSchema;
    }

    /** The position of the named column; throws if the table has no such column. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(tableName + " has no column " + name);
    }

    /** {@code CREATE TABLE IF NOT EXISTS <qualifiedName> (...)} in DuckDB SQL. */
    public String createTableSql(String qualifiedName) {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName + " ("
                + columns.stream().map(c -> quote(c.name()) + " " + c.type().sqlType())
                        .collect(Collectors.joining(", "))
                + ")";
    }

    /** Double-quotes a SQL identifier. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static List<Column> gaugeColumns() {
        return cols(
                "time_unix_nano", TIMESTAMP, "start_time_unix_nano", TIMESTAMP,
                "name", VARCHAR, "description", VARCHAR, "unit", VARCHAR,
                "int_value", BIGINT, "double_value", DOUBLE,
                "service_name", VARCHAR, "service_namespace", VARCHAR, "service_instance_id", VARCHAR,
                "resource_attributes", VARCHAR, "scope_name", VARCHAR, "scope_version", VARCHAR,
                "scope_attributes", VARCHAR, "metric_attributes", VARCHAR, "flags", INTEGER,
                "exemplars_json", VARCHAR);
    }

    private static List<Column> cols(Object... nameTypePairs) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.add(new Column((String) nameTypePairs[i], (ColumnType) nameTypePairs[i + 1]));
        }
        return out;
    }

    private static List<Column> concat(List<Column> a, List<Column> b) {
        List<Column> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
