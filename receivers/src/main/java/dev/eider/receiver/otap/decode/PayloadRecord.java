package dev.eider.receiver.otap.decode;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * The record batch one payload carried, read by column path ({@code "resource.id"} for a struct
 * field). A column the producer left out is absent and reads as null in every row.
 */
final class PayloadRecord {
    private final String payloadName;
    private final VectorSchemaRoot root;
    private final DictionaryProvider dictionaries;
    private final ExpansionBudget budget;

    PayloadRecord(String payloadName, VectorSchemaRoot root, DictionaryProvider dictionaries, ExpansionBudget budget) {
        this.payloadName = payloadName;
        this.root = root;
        this.dictionaries = dictionaries;
        this.budget = budget;
    }

    int rowCount() {
        return root.getRowCount();
    }

    String payloadName() {
        return payloadName;
    }

    /** The budget of the message this payload came in, charged for every value copied out of it. */
    ExpansionBudget budget() {
        return budget;
    }

    /** The column at {@code path}, or null when the schema has no such column. */
    Column column(String path) throws OtapDecodeException {
        String[] names = path.split("\\.");
        FieldVector vector = root.getVector(names[0]);
        List<StructVector> parents = new ArrayList<>();
        for (int i = 1; i < names.length && vector != null; i++) {
            if (!(vector instanceof StructVector struct)) {
                throw new OtapDecodeException(payloadName + ": column " + String.join(".", List.of(names).subList(0, i))
                        + " should be a struct but has Arrow type " + vector.getField().getType());
            }
            parents.add(struct);
            vector = struct.getChild(names[i]);
        }
        return vector == null ? null
                : Column.of(payloadName + "." + path, vector, dictionaries, parents.toArray(StructVector[]::new), budget);
    }

    /** A column the payload must have. */
    Column required(String path) throws OtapDecodeException {
        Column column = column(path);
        if (column == null) {
            throw new OtapDecodeException(payloadName + " has no " + path + " column");
        }
        return column;
    }

    static boolean present(Column column, int row) {
        return column != null && !column.isNull(row);
    }

    /** An integer column's value; 0 when absent or null (OTLP's default). */
    static long longOrZero(Column column, int row) throws OtapDecodeException {
        return present(column, row) ? column.longValue(row) : 0;
    }

    static int intOrZero(Column column, int row) throws OtapDecodeException {
        return (int) longOrZero(column, row);
    }

    static double doubleOrZero(Column column, int row) throws OtapDecodeException {
        return present(column, row) ? column.doubleValue(row) : 0;
    }

    static boolean booleanOrFalse(Column column, int row) throws OtapDecodeException {
        return present(column, row) && column.booleanValue(row);
    }

    /** A string column's value; "" when absent or null (OTLP's default). */
    static String stringOrEmpty(Column column, int row) throws OtapDecodeException {
        return present(column, row) ? column.string(row) : "";
    }

    /**
     * A trace or span id; an id of zero bytes is absent, as in OpenTelemetry's data model (the Go
     * producer writes absent ids as zeros), and becomes empty like an id OTLP leaves out.
     */
    static byte[] bytesOrEmpty(Column column, int row) throws OtapDecodeException {
        if (!present(column, row)) {
            return new byte[0];
        }
        byte[] id = column.bytes(row);
        for (byte b : id) {
            if (b != 0) {
                return id;
            }
        }
        return new byte[0];
    }
}
