package dev.eider.exporter.parquet;

import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Test rows for any table: every column of row {@code serial} gets a value derived from
 * (column, serial); a serial divisible by 5 is an all-NULL row (no timestamp). The main
 * timestamp advances one day per serial, so rows spread over partitions.
 */
final class Rows {
    /** 2023-11-14T22:13:20.123456 UTC plus nanoseconds the microsecond column truncates. */
    static final long BASE_NANOS = 1_700_000_000_123_456_789L;
    static final long DAY_NANOS = 86_400_000_000_000L;

    private Rows() {}

    static boolean allNull(int serial) {
        return serial % 5 == 0;
    }

    static TableBatch batch(Table table, BufferAllocator allocator, int firstSerial, int rows) {
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (int serial = firstSerial; serial < firstSerial + rows; serial++) {
                builder.startRow();
                if (allNull(serial)) {
                    continue;
                }
                List<Column> columns = table.columns();
                for (int c = 0; c < columns.size(); c++) {
                    switch (columns.get(c).type()) {
                        case TIMESTAMP -> builder.setTimestampNanos(c, BASE_NANOS + serial * DAY_NANOS + c * 1_000_000L);
                        case BIGINT -> builder.setLong(c, 9_000_000_000L * (c + 1) + serial);
                        case INTEGER -> builder.setInt(c, c * 1000 - serial);
                        case DOUBLE -> builder.setDouble(c, c + serial + 0.25);
                        case BOOLEAN -> builder.setBoolean(c, serial % 2 == 0);
                        case VARCHAR -> builder.setString(c, "ü'" + columns.get(c).name() + "#" + serial);
                        case BIGINT_LIST -> builder.setLongList(c, new long[] {c, serial, Long.MIN_VALUE}, 3);
                        case DOUBLE_LIST -> builder.setDoubleList(c, new double[] {c + 0.5, -serial}, serial % 3);
                    }
                }
            }
            return builder.build();
        }
    }
}
