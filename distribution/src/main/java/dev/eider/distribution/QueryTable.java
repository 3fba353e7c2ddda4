package dev.eider.distribution;

import dev.eider.runtime.admin.AdminJson;
import dev.eider.runtime.admin.QueryTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the query API's JSON answer as an aligned text table, as a SQL shell prints it: a
 * header, a separator line, one line per row with numbers right-aligned and NULL spelled out,
 * and a row count line.
 */
final class QueryTable {
    private QueryTable() {}

    static String render(String json) {
        Map<?, ?> answer = (Map<?, ?>) AdminJson.read(json);
        List<?> columns = (List<?>) answer.get("columns");
        List<?> rows = (List<?>) answer.get("rows");
        int width = columns.size();
        String[] names = new String[width];
        boolean[] numeric = new boolean[width];
        int[] widths = new int[width];
        for (int c = 0; c < width; c++) {
            Map<?, ?> column = (Map<?, ?>) columns.get(c);
            names[c] = cell(column.get("name"));
            numeric[c] = QueryTypes.isNumeric(String.valueOf(column.get("type")));
            widths[c] = length(names[c]);
        }
        List<String[]> cells = new ArrayList<>();
        for (Object row : rows) {
            List<?> values = (List<?>) row;
            String[] line = new String[width];
            for (int c = 0; c < width; c++) {
                line[c] = values.get(c) == null ? "NULL" : cell(values.get(c));
                widths[c] = Math.max(widths[c], length(line[c]));
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, names, widths, numeric);
        for (int c = 0; c < width; c++) {
            out.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (String[] line : cells) {
            appendLine(out, line, widths, numeric);
        }
        int count = rows.size();
        out.append('(').append(count).append(count == 1 ? " row" : " rows");
        if (Boolean.TRUE.equals(answer.get("truncated"))) {
            out.append(", cut off at the collector's row limit (query_max_rows)");
        }
        return out.append(")\n").toString();
    }

    private static void appendLine(StringBuilder out, String[] values, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            String pad = " ".repeat(widths[c] - length(values[c]));
            line.append(c == 0 ? "" : " | ").append(numeric[c] ? pad + values[c] : values[c] + pad);
        }
        // Trailing blanks of a left-aligned last column carry nothing.
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** One line per row: line breaks and tabs inside values are shown escaped. */
    private static String cell(Object value) {
        String text;
        if (value instanceof List<?> items) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(item == null ? "NULL" : String.valueOf(item));
            }
            text = "[" + String.join(", ", parts) + "]";
        } else {
            text = String.valueOf(value);
        }
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
