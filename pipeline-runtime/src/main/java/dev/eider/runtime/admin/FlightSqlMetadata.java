package dev.eider.runtime.admin;

import dev.eider.runtime.table.Table;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The browsing calls: catalogs (one per queryable exporter), their schemas and tables (with each
 * table's Arrow schema, as DuckDB exports its rows), and table types. Schemas and tables are read
 * with SQL on the exporter's query connection, through the same runner as every query.
 */
final class FlightSqlMetadata {
    static final List<String> TABLE_TYPES = List.of("TABLE", "VIEW");

    private static final String SCHEMAS = "SELECT schema_name FROM duckdb_schemas()"
            + " WHERE database_name = current_database() AND schema_name LIKE ? ESCAPE '\\'"
            + " ORDER BY schema_name";
    private static final String TABLES = "SELECT schema_name, table_name, table_type FROM ("
            + "SELECT schema_name, table_name, 'TABLE' AS table_type FROM duckdb_tables()"
            + " WHERE database_name = current_database()"
            + " UNION ALL SELECT schema_name, view_name, 'VIEW' FROM duckdb_views()"
            + " WHERE database_name = current_database() AND NOT internal)"
            + " WHERE schema_name LIKE ? ESCAPE '\\' AND table_name LIKE ? ESCAPE '\\'"
            + " ORDER BY table_type, schema_name, table_name";
    private static final String ANY = "%";

    private final FlightSqlCatalogs catalogs;
    private final FlightSqlQueries queries;
    private final BufferAllocator allocator;

    FlightSqlMetadata(FlightSqlCatalogs catalogs, FlightSqlQueries queries, BufferAllocator allocator) {
        this.catalogs = catalogs;
        this.queries = queries;
        this.allocator = allocator;
    }

    void catalogs(ServerStreamListener listener) {
        List<Object[]> rows = new ArrayList<>();
        for (FlightSqlCatalogs.Catalog catalog : catalogs.all()) {
            rows.add(new Object[] {catalog.name()});
        }
        send(Schemas.GET_CATALOGS_SCHEMA, rows, listener);
    }

    void schemas(CommandGetDbSchemas request, ServerStreamListener listener) {
        Optional<String> catalog = request.hasCatalog() ? Optional.of(request.getCatalog()) : Optional.empty();
        String pattern = request.hasDbSchemaFilterPattern() ? request.getDbSchemaFilterPattern() : ANY;
        List<Object[]> rows = new ArrayList<>();
        for (FlightSqlCatalogs.Catalog matching : catalogs.matching(catalog)) {
            for (List<String> row : rows(matching, SCHEMAS, List.of(pattern))) {
                rows.add(new Object[] {matching.name(), row.get(0)});
            }
        }
        send(Schemas.GET_SCHEMAS_SCHEMA, rows, listener);
    }

    void tables(CommandGetTables request, ServerStreamListener listener) {
        Optional<String> catalog = request.hasCatalog() ? Optional.of(request.getCatalog()) : Optional.empty();
        List<Object> patterns = List.of(request.hasDbSchemaFilterPattern() ? request.getDbSchemaFilterPattern() : ANY,
                request.hasTableNameFilterPattern() ? request.getTableNameFilterPattern() : ANY);
        List<String> types = request.getTableTypesList();
        List<Object[]> rows = new ArrayList<>();
        for (FlightSqlCatalogs.Catalog matching : catalogs.matching(catalog)) {
            for (List<String> row : rows(matching, TABLES, patterns)) {
                if (!types.isEmpty() && !types.contains(row.get(2))) {
                    continue;
                }
                Object[] out = request.getIncludeSchema()
                        ? new Object[] {matching.name(), row.get(0), row.get(1), row.get(2), tableSchema(matching, row)}
                        : new Object[] {matching.name(), row.get(0), row.get(1), row.get(2)};
                rows.add(out);
            }
        }
        send(request.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, rows, listener);
    }

    void tableTypes(ServerStreamListener listener) {
        send(Schemas.GET_TABLE_TYPES_SCHEMA, TABLE_TYPES.stream().map(type -> new Object[] {type}).toList(), listener);
    }

    /** A result with the schema of the call and no rows (keys: the tables have none). */
    void empty(Schema schema, ServerStreamListener listener) {
        send(schema, List.of(), listener);
    }

    /**
     * The Arrow schema a {@code SELECT *} of the table answers, as the query guard sees it; a
     * table the guard refuses (a view over a file, say) is listed with no columns.
     */
    private byte[] tableSchema(FlightSqlCatalogs.Catalog catalog, List<String> row) {
        Schema schema;
        try {
            schema = queries.describe(catalog, "SELECT * FROM " + Table.quote(row.get(0)) + "." + Table.quote(row.get(1)))
                    .dataset();
        } catch (FlightRuntimeException e) {
            if (e.status().code() != FlightStatusCode.INVALID_ARGUMENT) {
                throw e;
            }
            schema = new Schema(List.of());
        }
        return FlightSqlQueries.serialize(schema);
    }

    private List<List<String>> rows(FlightSqlCatalogs.Catalog catalog, String sql, List<Object> parameters) {
        return queries.read(catalog, new QueryStatement(sql, parameters), (ResultSet result, int maxRows, QueryCancellation c) -> {
            int columns = result.getMetaData().getColumnCount();
            List<List<String>> out = new ArrayList<>();
            while (out.size() < maxRows && result.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                out.add(row);
            }
            return out;
        });
    }

    /** Metadata answers are a few text (and IPC schema) columns, so they are filled value by value. */
    private void send(Schema schema, List<Object[]> rows, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                for (int c = 0; c < row.length; c++) {
                    BaseVariableWidthVector vector = (BaseVariableWidthVector) root.getVector(c);
                    Object value = row[c];
                    if (value == null) {
                        vector.setNull(r);
                    } else {
                        vector.setSafe(r, value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            root.setRowCount(rows.size());
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }
}
