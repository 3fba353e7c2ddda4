package dev.eider.exporter.duckdb;

import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Deterministic rows for any table: every column gets a value derived from (table, column, row),
 * so a test can build batches and later check each stored value without keeping the rows around.
 * Row kind 0 sets every column, kind 1 sets none (all NULL), kind 2 sets edge values (negative
 * numbers, false, empty lists, quotes and non-ASCII text).
 */
final class SampleRows {
    static final int KINDS = 3;
    static final int ALL_NULL = 1;

    private SampleRows() {}

    /** A batch of {@code rows} rows; row r has kind r % 3 and the serial {@code firstSerial + r}. */
    static TableBatch batch(Table table, BufferAllocator allocator, int firstSerial, int rows) {
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (int r = 0; r < rows; r++) {
                builder.startRow();
                int serial = firstSerial + r;
                if (kind(serial) == ALL_NULL) {
                    continue;
                }
                List<Column> columns = table.columns();
                for (int c = 0; c < columns.size(); c++) {
                    set(builder, c, columns.get(c), serial);
                }
            }
            return builder.build();
        }
    }

    static int kind(int serial) {
        return serial % KINDS;
    }

    private static void set(TableBatchBuilder builder, int c, Column column, int serial) {
        switch (column.type()) {
            case TIMESTAMP -> builder.setTimestampNanos(c, timestampNanos(c, serial));
            case BIGINT -> builder.setLong(c, longValue(c, serial));
            case INTEGER -> builder.setInt(c, intValue(c, serial));
            case DOUBLE -> builder.setDouble(c, doubleValue(c, serial));
            case BOOLEAN -> builder.setBoolean(c, booleanValue(serial));
            case VARCHAR -> builder.setString(c, stringValue(column, serial));
            case BIGINT_LIST -> {
                long[] values = longList(c, serial);
                builder.setLongList(c, Arrays.copyOf(values, values.length + 3), values.length);
            }
            case DOUBLE_LIST -> {
                double[] values = doubleList(c, serial);
                builder.setDoubleList(c, values, values.length);
            }
        }
    }

    /** Nanoseconds with a sub-microsecond part, which the TIMESTAMP column truncates. */
    static long timestampNanos(int c, int serial) {
        return 1_700_000_000_123_456_789L + (long) serial * 3_600_000_000_000L + c * 1_001L;
    }

    static long timestampMicros(int c, int serial) {
        return Math.floorDiv(timestampNanos(c, serial), 1000L);
    }

    static long longValue(int c, int serial) {
        long v = 9_000_000_000L * (c + 1) + serial;
        return kind(serial) == 2 ? -v : v;
    }

    static int intValue(int c, int serial) {
        int v = c * 100 + serial;
        return kind(serial) == 2 ? -v : v;
    }

    static double doubleValue(int c, int serial) {
        double v = c + serial + 0.25;
        return kind(serial) == 2 ? -v : v;
    }

    static boolean booleanValue(int serial) {
        return kind(serial) == 0;
    }

    static String stringValue(Column column, int serial) {
        return kind(serial) == 2
                ? "ünïcødé \"" + column.name() + "\" 'q' #" + serial
                : column.name() + "#" + serial;
    }

    static long[] longList(int c, int serial) {
        return kind(serial) == 2 ? new long[0] : new long[] {c, serial, -1L, Long.MAX_VALUE};
    }

    static double[] doubleList(int c, int serial) {
        return kind(serial) == 2 ? new double[0] : new double[] {c + 0.5, serial, -2.5};
    }
}
