package dev.eider.runtime.table;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Appends rows to one table's Arrow vectors. Decoders call {@link #startRow()} and then set the
 * columns they have by index ({@link Table#columnIndex}); a column not set in a row is NULL.
 * Not thread-safe: one builder per decoding request.
 */
public final class TableBatchBuilder implements AutoCloseable {
    private final Table table;
    private final VectorSchemaRoot root;
    private final FieldVector[] vectors;
    private int row = -1;
    private boolean built;

    public TableBatchBuilder(Table table, BufferAllocator allocator) {
        this.table = table;
        this.root = VectorSchemaRoot.create(table.arrowSchema(), allocator);
        this.vectors = root.getFieldVectors().toArray(new FieldVector[0]);
        try {
            for (FieldVector v : vectors) {
                v.setInitialCapacity(64);
                v.allocateNew();
            }
        } catch (RuntimeException e) {
            // the caller never gets this builder, so nobody else can free what was allocated
            root.close();
            throw e;
        }
    }

    public Table table() {
        return table;
    }

    /** Begins a new row and returns its index. */
    public int startRow() {
        return ++row;
    }

    /** Rows started so far. */
    public int rowCount() {
        return row + 1;
    }

    /** Unix nanoseconds as a microsecond TIMESTAMP; 0 (absent) stays NULL. */
    public void setTimestampNanos(int column, long unixNanos) {
        if (unixNanos != 0) {
            // OTLP timestamps are fixed64 (unsigned): values past Long.MAX_VALUE arrive negative
            ((TimeStampMicroVector) vectors[column]).setSafe(row, Long.divideUnsigned(unixNanos, 1000L));
        }
    }

    public void setLong(int column, long value) {
        ((BigIntVector) vectors[column]).setSafe(row, value);
    }

    public void setInt(int column, int value) {
        ((IntVector) vectors[column]).setSafe(row, value);
    }

    public void setDouble(int column, double value) {
        ((Float8Vector) vectors[column]).setSafe(row, value);
    }

    public void setBoolean(int column, boolean value) {
        ((BitVector) vectors[column]).setSafe(row, value ? 1 : 0);
    }

    /** Sets a VARCHAR column; null leaves it NULL. */
    public void setString(int column, String value) {
        if (value != null) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ((VarCharVector) vectors[column]).setSafe(row, utf8, 0, utf8.length);
        }
    }

    /** Sets a VARCHAR column from UTF-8 bytes already in hand (no String on the hot path). */
    public void setUtf8(int column, byte[] utf8, int offset, int length) {
        ((VarCharVector) vectors[column]).setSafe(row, utf8, offset, length);
    }

    /** Sets a BIGINT[] column to the first {@code count} values. */
    public void setLongList(int column, long[] values, int count) {
        ListVector list = (ListVector) vectors[column];
        int start = list.startNewValue(row);
        BigIntVector data = (BigIntVector) list.getDataVector();
        for (int i = 0; i < count; i++) {
            data.setSafe(start + i, values[i]);
        }
        list.endValue(row, count);
    }

    /** Sets a DOUBLE[] column to the first {@code count} values. */
    public void setDoubleList(int column, double[] values, int count) {
        ListVector list = (ListVector) vectors[column];
        int start = list.startNewValue(row);
        Float8Vector data = (Float8Vector) list.getDataVector();
        for (int i = 0; i < count; i++) {
            data.setSafe(start + i, values[i]);
        }
        list.endValue(row, count);
    }

    /** Finishes the batch; the builder hands its vectors over and must not be used again. */
    public TableBatch build() {
        // setting the row count can allocate (filling unset variable-width slots); until it
        // succeeds the vectors stay the builder's to free
        root.setRowCount(rowCount());
        built = true;
        return new TableBatch(table, root);
    }

    /** Frees the vectors unless {@link #build()} handed them over. */
    @Override
    public void close() {
        if (!built) {
            root.close();
        }
    }
}
