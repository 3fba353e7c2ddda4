package dev.eider.receiver.otap.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eider.runtime.table.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Decoded batches as plain Java values: table name -> rows -> column name -> value (null for
 * NULL). The attribute JSON columns (and events/links/exemplars, which hold attributes) are
 * parsed with object members sorted by key: OTAP transports attributes sorted by type and key,
 * so the member order of the original request is not part of what it carries.
 */
final class TableRows {
    private static final JsonFactory JSON = new JsonFactory();

    private TableRows() {}

    static Map<String, List<Map<String, Object>>> of(TableBatches batches) {
        Map<String, List<Map<String, Object>>> tables = new TreeMap<>();
        for (TableBatch batch : batches.batches()) {
            List<Map<String, Object>> rows = tables.computeIfAbsent(batch.table().tableName(), t -> new ArrayList<>());
            for (int row = 0; row < batch.root().getRowCount(); row++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Column column : batch.table().columns()) {
                    Object value = value(batch.root().getVector(column.name()), row);
                    values.put(column.name(), holdsAttributes(column.name()) && value != null ? json((String) value) : value);
                }
                rows.add(values);
            }
        }
        return tables;
    }

    private static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof TimeStampMicroVector timestamps) {
            return timestamps.get(row);
        }
        if (vector instanceof ListVector list) {
            return new ArrayList<>(list.getObject(row));
        }
        Object value = vector.getObject(row);
        return value instanceof org.apache.arrow.vector.util.Text ? value.toString() : value;
    }

    private static boolean holdsAttributes(String column) {
        return column.endsWith("_attributes") || column.endsWith("_json");
    }

    private static Object json(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            return jsonValue(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private static Object jsonValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> members = new TreeMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    members.put(name, jsonValue(parser));
                }
                return members;
            }
            case START_ARRAY -> {
                List<Object> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(jsonValue(parser));
                }
                return elements;
            }
            case VALUE_NULL -> {
                return "null";
            }
            default -> {
                return parser.currentToken() + ":" + parser.getText();
            }
        }
    }
}
