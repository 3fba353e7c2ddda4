package dev.eider.receiver.otap.decode;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One column of an OTAP record batch, read the same way whether or not the producer chose to
 * dictionary-encode it, and null wherever an enclosing struct is null. Unsigned integers are
 * widened without sign errors (a u32 id above 2^31 stays positive).
 */
final class Column {
    private final String path;
    private final Field field;
    private final ValueVector indices;
    private final ValueVector values;
    private final StructVector[] parents;
    private final ExpansionBudget budget;

    private Column(String path, Field field, ValueVector indices, ValueVector values, StructVector[] parents,
            ExpansionBudget budget) {
        this.path = path;
        this.field = field;
        this.indices = indices;
        this.values = values;
        this.parents = parents;
        this.budget = budget;
    }

    static Column of(String path, FieldVector vector, DictionaryProvider dictionaries, StructVector[] parents,
            ExpansionBudget budget) throws OtapDecodeException {
        DictionaryEncoding encoding = vector.getField().getDictionary();
        if (encoding == null) {
            return new Column(path, vector.getField(), null, vector, parents, budget);
        }
        Dictionary dictionary = dictionaries.lookup(encoding.getId());
        if (dictionary == null) {
            throw new OtapDecodeException("column " + path + " refers to dictionary " + encoding.getId()
                    + " that the stream never sent");
        }
        return new Column(path, vector.getField(), vector, dictionary.getVector(), parents, budget);
    }

    /** The element vector of a list column (OTAP does not dictionary-encode list elements). */
    Column elements(FieldVector elements) {
        return new Column(path + "[]", elements.getField(), null, elements, new StructVector[0], budget);
    }

    /** Charges values copied out of this column to the message's budget. */
    void charge(long bytes) throws OtapDecodeException {
        budget.charge(bytes);
    }

    String path() {
        return path;
    }

    /** The field's {@code encoding} metadata (id columns), or null. */
    String encodingMetadata() {
        return field.getMetadata() == null ? null : field.getMetadata().get("encoding");
    }

    boolean isNull(int row) {
        for (StructVector parent : parents) {
            if (parent.isNull(row)) {
                return true;
            }
        }
        if (indices != null) {
            return indices.isNull(row) || values.isNull(valueIndex(row));
        }
        return values.isNull(row);
    }

    /** Integers (signed or unsigned, u64 as its two's complement bits), timestamps and durations. */
    long longValue(int row) throws OtapDecodeException {
        int at = position(row);
        if (values instanceof BaseIntVector ints && !(values instanceof UInt8Vector)) {
            return ints.getValueAsLong(at);
        }
        if (values instanceof UInt8Vector u64) {
            return u64.get(at);
        }
        if (values instanceof TimeStampVector timestamps) {
            return timestamps.get(at);
        }
        if (values instanceof DurationVector) {
            return values.getDataBuffer().getLong((long) at * DurationVector.TYPE_WIDTH);
        }
        throw typeError("an integer");
    }

    double doubleValue(int row) throws OtapDecodeException {
        int at = position(row);
        if (values instanceof Float8Vector doubles) {
            return doubles.get(at);
        }
        if (values instanceof Float4Vector floats) {
            return floats.get(at);
        }
        throw typeError("a floating point number");
    }

    boolean booleanValue(int row) throws OtapDecodeException {
        if (values instanceof BitVector bits) {
            return bits.get(position(row)) != 0;
        }
        throw typeError("a boolean");
    }

    /** A string or binary value, charged to the message's budget (a dictionary entry is copied per row). */
    byte[] bytes(int row) throws OtapDecodeException {
        byte[] value = unchargedBytes(row);
        budget.charge(value.length);
        return value;
    }

    private byte[] unchargedBytes(int row) throws OtapDecodeException {
        int at = position(row);
        if (values instanceof BaseVariableWidthVector v) {
            requireInsideData(v.getStartOffset(at), v.getEndOffset(at));
        } else if (values instanceof BaseLargeVariableWidthVector v) {
            ArrowBuf offsets = v.getOffsetBuffer();
            requireInsideData(offsets.getLong((long) at * BaseLargeVariableWidthVector.OFFSET_WIDTH),
                    offsets.getLong((long) (at + 1) * BaseLargeVariableWidthVector.OFFSET_WIDTH));
        }
        if (values instanceof VarCharVector v) {
            return v.get(at);
        }
        if (values instanceof VarBinaryVector v) {
            return v.get(at);
        }
        if (values instanceof FixedSizeBinaryVector v) {
            return v.get(at);
        }
        if (values instanceof LargeVarCharVector v) {
            return v.get(at);
        }
        if (values instanceof LargeVarBinaryVector v) {
            return v.get(at);
        }
        throw typeError("a string or binary");
    }

    String string(int row) throws OtapDecodeException {
        return new String(bytes(row), StandardCharsets.UTF_8);
    }

    /** The vector holding the values (for lists: the list vector itself). */
    ValueVector valueVector() {
        return values;
    }

    /** Where row's value sits in {@link #valueVector()}. */
    int position(int row) {
        return indices == null ? row : valueIndex(row);
    }

    /**
     * The dictionary entry of row. An index outside the dictionary is malformed input; checked
     * here because Arrow only asserts on a negative one (and -ea is off in production).
     */
    private int valueIndex(int row) {
        long index = ((BaseIntVector) indices).getValueAsLong(row);
        if (index < 0 || index >= values.getValueCount()) {
            throw new IndexOutOfBoundsException("column " + path + ": dictionary index " + index
                    + " outside the dictionary's " + values.getValueCount() + " values");
        }
        return (int) index;
    }

    /**
     * A value's offsets must lie inside the data buffer: Arrow allocates the array for a value
     * from its offsets before it reads anything, so two bare numbers could ask for 2 GiB.
     */
    private void requireInsideData(long start, long end) throws OtapDecodeException {
        long data = values.getDataBuffer().capacity();
        if (start < 0 || end < start || end > data) {
            throw new OtapDecodeException("column " + path + " has value offsets " + start + ".." + end
                    + " outside its " + data + " bytes of data");
        }
    }

    OtapDecodeException typeError(String expected) {
        return new OtapDecodeException("column " + path + " should hold " + expected + " but has Arrow type "
                + values.getField().getType());
    }
}
