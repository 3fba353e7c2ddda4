package dev.eider.receiver.otap.decode;

import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes OTAP id and parent_id columns into absolute ids. Producers may transport them
 * plain, delta-encoded (a running sum) or quasi-delta-encoded (a delta while the row's
 * "equality columns" match the previous row, else absolute). The field's {@code encoding}
 * metadata names the encoding; without it each column has its default from the OTAP spec.
 */
final class IdColumn {
    /** A row without an id (null or absent column). */
    static final long NONE = -1;

    enum Encoding { PLAIN, DELTA, QUASI_DELTA }

    /** Whether row continues the previous non-null row's run (quasi-delta only). */
    @FunctionalInterface
    interface SameRun {
        boolean test(int previousRow, int row) throws OtapDecodeException;
    }

    private IdColumn() {}

    /** Ids of a column whose default is delta (all {@code id} columns, data point parent ids). */
    static long[] delta(Column column, int rows) throws OtapDecodeException {
        return decode(column, rows, Encoding.DELTA, (previous, row) -> true);
    }

    static long[] decode(Column column, int rows, Encoding defaultEncoding, SameRun sameRun) throws OtapDecodeException {
        long[] ids = new long[rows];
        Arrays.fill(ids, NONE);
        if (column == null) {
            return ids;
        }
        Encoding encoding = encoding(column, defaultEncoding);
        int previous = -1;
        for (int row = 0; row < rows; row++) {
            if (column.isNull(row)) {
                continue;
            }
            long value = column.longValue(row);
            ids[row] = switch (encoding) {
                case PLAIN -> value;
                case DELTA -> previous < 0 ? value : ids[previous] + value;
                case QUASI_DELTA -> previous >= 0 && sameRun.test(previous, row) ? ids[previous] + value : value;
            };
            previous = row;
        }
        return ids;
    }

    private static Encoding encoding(Column column, Encoding defaultEncoding) throws OtapDecodeException {
        String declared = column.encodingMetadata();
        if (declared == null) {
            return defaultEncoding;
        }
        return switch (declared.toLowerCase(Locale.ROOT)) {
            case "plain" -> Encoding.PLAIN;
            case "delta" -> Encoding.DELTA;
            case "quasidelta", "quasi_delta", "quasi-delta" -> Encoding.QUASI_DELTA;
            default -> throw new OtapDecodeException(column.path() + " has unknown id encoding '" + declared + "'");
        };
    }

    /** A decoded parent_id; parent ids are required, so a null one is malformed. */
    static long parent(PayloadRecord record, long[] parents, int row) throws OtapDecodeException {
        if (parents[row] == NONE) {
            throw new OtapDecodeException(record.payloadName() + ".parent_id is null in row " + row);
        }
        return parents[row];
    }
}
