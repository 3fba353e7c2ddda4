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
        Column elements = elements(column, list);
        long[] values = new long[elementCount(column, list, at, start)];
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
        Column elements = elements(column, list);
        double[] values = new double[elementCount(column, list, at, start)];
        for (int i = 0; i < values.length; i++) {
            values[i] = elements.doubleValue(start + i);
        }
        return values;
    }

    /**
     * The row's element count, checked against the elements the list actually holds before an
     * array that size is allocated: the offsets are bare numbers from the payload.
     */
    private static int elementCount(Column column, ListVector list, int at, int start) throws OtapDecodeException {
        int end = list.getElementEndIndex(at);
        int held = Math.min(list.getDataVector().getValueCount(), list.getDataVector().getValueCapacity());
        if (start < 0 || end < start || end > held) {
            throw new OtapDecodeException("column " + column.path() + " has list offsets " + start + ".." + end
                    + " outside its " + held + " elements");
        }
        column.charge((long) Long.BYTES * (end - start)); // rows may share one range of elements
        return end - start;
    }

    private static ListVector list(Column column) throws OtapDecodeException {
        if (column.valueVector() instanceof ListVector list) {
            return list;
        }
        throw column.typeError("a list");
    }

    private static Column elements(Column column, ListVector list) throws OtapDecodeException {
        return column.elements(list.getDataVector());
    }
}
