package dev.eider.runtime.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** Writes a result set as the body of one {@link QueryFormat}, stopping at the row limit. */
final class QueryResultWriter {
    private static final int ARROW_BATCH_ROWS = 2048;

    private QueryResultWriter() {}

    static QueryOutput write(QueryFormat format, ResultSet rows, int maxRows) throws SQLException, IOException {
        return switch (format) {
            case JSON -> json(rows, maxRows);
            case CSV -> csv(rows, maxRows);
            case ARROW -> arrow(rows, maxRows);
        };
    }

    /** {"columns":[{"name","type"}],"rows":[[...]],"row_count":N,"truncated":bool}. */
    private static QueryOutput json(ResultSet rows, int maxRows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        List<Map<String, Object>> header = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", meta.getColumnLabel(c));
            column.put("type", meta.getColumnTypeName(c));
            header.add(column);
        }
        List<List<Object>> values = new ArrayList<>();
        boolean truncated = false;
        while (rows.next()) {
            if (values.size() == maxRows) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) {
                row.add(jsonValue(rows, c, meta.getColumnType(c), meta.getColumnTypeName(c)));
            }
            values.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("columns", header);
        doc.put("rows", values);
        doc.put("row_count", values.size());
        doc.put("truncated", truncated);
        return new QueryOutput(AdminJson.write(doc).getBytes(StandardCharsets.UTF_8), values.size(), truncated);
    }

    /** Numbers and booleans stay JSON numbers and booleans, lists arrays; the rest is DuckDB's text. */
    private static Object jsonValue(ResultSet rows, int column, int sqlType, String duckDbType) throws SQLException {
        Object value;
        if (QueryTypes.isExactNumber(duckDbType)) {
            // Through the text form, so HUGEINT and unsigned types keep every digit.
            String text = rows.getString(column);
            value = text == null ? null : new BigDecimal(text);
        } else if (QueryTypes.isFloating(duckDbType) || sqlType == Types.BOOLEAN) {
            value = rows.getObject(column);
        } else if (sqlType == Types.ARRAY) {
            value = rows.getArray(column);
        } else {
            value = rows.getString(column);
        }
        return rows.wasNull() ? null : jsonElement(value);
    }

    private static Object jsonElement(Object value) throws SQLException {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof BigDecimal
                || value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // JSON has no NaN or infinities; DuckDB's own spelling keeps them readable.
            return Double.isFinite(d) ? value : (Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
        }
        if (value instanceof Array array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) {
                items.add(jsonElement(item));
            }
            return items;
        }
        return value.toString();
    }

    /** RFC 4180: a header line, fields quoted when they hold a comma, quote or line break; NULL is empty. */
    private static QueryOutput csv(ResultSet rows, int maxRows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        StringBuilder out = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
            appendCsvField(out, meta.getColumnLabel(c), c == columns);
        }
        long count = 0;
        boolean truncated = false;
        while (rows.next()) {
            if (count == maxRows) {
                truncated = true;
                break;
            }
            for (int c = 1; c <= columns; c++) {
                appendCsvField(out, rows.getString(c), c == columns);
            }
            count++;
        }
        return new QueryOutput(out.toString().getBytes(StandardCharsets.UTF_8), count, truncated);
    }

    private static void appendCsvField(StringBuilder out, String value, boolean last) {
        if (value != null) {
            boolean quote = value.isEmpty() || value.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
            if (quote) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                out.append(value);
            }
        }
        out.append(last ? "\r\n" : ",");
    }

    /** DuckDB's own Arrow export, so every DuckDB type keeps its Arrow form. */
    private static QueryOutput arrow(ResultSet rows, int maxRows) throws SQLException, IOException {
        IpcStream body = new IpcStream();
        ArrowResultBatches.Outcome outcome;
        try (BufferAllocator allocator = new RootAllocator()) {
            outcome = ArrowResultBatches.export(rows, allocator, ARROW_BATCH_ROWS, maxRows, new QueryCancellation(), body);
        }
        return new QueryOutput(body.bytes.toByteArray(), outcome.rows(), outcome.truncated());
    }

    /** The batches as one Arrow IPC stream in memory. */
    private static final class IpcStream implements ArrowResultBatches.Sink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private ArrowStreamWriter writer;

        @Override
        public void start(VectorSchemaRoot root, DictionaryProvider dictionaries) throws IOException {
            writer = new ArrowStreamWriter(root, dictionaries, bytes);
            writer.start();
        }

        @Override
        public void batch(VectorSchemaRoot root) throws IOException {
            writer.writeBatch();
        }

        @Override
        public void end() throws IOException {
            writer.end();
            writer.close();
        }
    }
}
