package dev.eider.receiver.otap.decode;

import org.apache.arrow.vector.complex.ListVector;

/** Reads the elements of a List(UInt64) or List(Float64) column row by row (absent or null: empty). */
final class ListColumn {
    private ListColumn() {}

    static long[] longs(Column column, int row) throws OtapDecodeException {
        if (!PayloadRecord.present(column, row)) {
            return new long[0];
        }
        ListVector list = list(column);
        int at = column.position(row);
        int start = list.getElementStartIndex(at);
        long[] values = new long[list.getElementEndIndex(at) - start];
        Column elements = elements(column, list);
        for (int i = 0; i < values.length; i++) {
            values[i] = elements.longValue(start + i);
        }
        return values;
    }

    static double[] doubles(Column column, int row) throws OtapDecodeException {
        if (!PayloadRecord.present(column, row)) {
            return new double[0];
        }
        ListVector list = list(column);
        int at = column.position(row);
        int start = list.getElementStartIndex(at);
        double[] values = new double[list.getElementEndIndex(at) - start];
        Column elements = elements(column, list);
        for (int i = 0; i < values.length; i++) {
            values[i] = elements.doubleValue(start + i);
        }
        return values;
    }

    private static ListVector list(Column column) throws OtapDecodeException {
        if (column.valueVector() instanceof ListVector list) {
            return list;
        }
        throw column.typeError("a list");
    }

    private static Column elements(Column column, ListVector list) throws OtapDecodeException {
        return Column.elementsOf(column.path() + "[]", list.getDataVector());
    }
}
