package dev.eider.receiver.otlp.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.complex.ListVector;

/** Reads decoded batches back as plain Java values for assertions. */
final class DecodedRows {
    private DecodedRows() {}

    /** A test-data file: {@code bench/} is written by the build (BenchPayloads), the rest is committed. */
    static Path testdata(String subdir, String file) {
        String root = subdir.equals("bench") ? "eider.generated.test.data" : "eider.test.data";
        return Path.of(System.getProperty(root), subdir, file);
    }

    static byte[] read(Path file) throws Exception {
        return Files.readAllBytes(file);
    }

    /** The batch of the table; fails when the request produced none. */
    static TableBatch batch(TableBatches batches, Table table) {
        for (TableBatch b : batches.batches()) {
            if (b.table() == table) {
                return b;
            }
        }
        return fail("no batch for " + table.tableName() + " in " + tables(batches));
    }

    static List<String> tables(TableBatches batches) {
        return batches.batches().stream().map(b -> b.table().tableName()).toList();
    }

    /**
     * One cell: null for NULL, timestamps as unix microseconds (Long), lists as List, VARCHAR as
     * String, other columns as their boxed Arrow value.
     */
    static Object value(TableBatch batch, String column, int row) {
        FieldVector vector = batch.root().getVector(column);
        if (vector == null) {
            return fail(batch.table().tableName() + " has no column " + column);
        }
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof TimeStampMicroVector ts) {
            return ts.get(row);
        }
        if (vector instanceof ListVector list) {
            return new ArrayList<>(list.getObject(row));
        }
        Object value = vector.getObject(row);
        return value instanceof org.apache.arrow.vector.util.Text ? value.toString() : value;
    }

    /** One row as column name -> value, in column order. */
    static Map<String, Object> row(TableBatch batch, int row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column c : batch.table().columns()) {
            values.put(c.name(), value(batch, c.name(), row));
        }
        return values;
    }

    /** Every row of every batch, keyed by table name, for whole-result comparisons. */
    static Map<String, List<Map<String, Object>>> all(TableBatches batches) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (TableBatch b : batches.batches()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < b.rowCount(); i++) {
                rows.add(row(b, i));
            }
            out.put(b.table().tableName(), rows);
        }
        return out;
    }

    /** Asserts the row's columns hold exactly the expected values (given in any subset). */
    static void assertRow(TableBatch batch, int row, Object... columnValuePairs) {
        Map<String, Object> expected = new LinkedHashMap<>();
        Map<String, Object> actual = new LinkedHashMap<>();
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            String column = (String) columnValuePairs[i];
            expected.put(column, columnValuePairs[i + 1]);
            actual.put(column, value(batch, column, row));
        }
        assertEquals(expected, actual, batch.table().tableName() + " row " + row);
    }
}
