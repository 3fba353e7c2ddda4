package dev.eider.runtime.table;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import java.util.List;

/** The column types the six tables use, each with its DuckDB and Arrow spelling. */
public enum ColumnType {
    TIMESTAMP("TIMESTAMP", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
    BIGINT("BIGINT", new ArrowType.Int(64, true)),
    INTEGER("INTEGER", new ArrowType.Int(32, true)),
    DOUBLE("DOUBLE", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    BOOLEAN("BOOLEAN", ArrowType.Bool.INSTANCE),
    VARCHAR("VARCHAR", ArrowType.Utf8.INSTANCE),
    BIGINT_LIST("BIGINT[]", ArrowType.List.INSTANCE),
    DOUBLE_LIST("DOUBLE[]", ArrowType.List.INSTANCE);

    private final String sqlType;
    private final ArrowType arrowType;

    ColumnType(String sqlType, ArrowType arrowType) {
        this.sqlType = sqlType;
        this.arrowType = arrowType;
    }

    /** The DuckDB type name, as {@code information_schema.columns.data_type} reports it. */
    public String sqlType() {
        return sqlType;
    }

    /** The nullable Arrow field for a column of this type. */
    public Field arrowField(String name) {
        return switch (this) {
            case BIGINT_LIST -> listField(name, new ArrowType.Int(64, true));
            case DOUBLE_LIST -> listField(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
            default -> new Field(name, FieldType.nullable(arrowType), null);
        };
    }

    private static Field listField(String name, ArrowType element) {
        Field item = new Field("item", FieldType.nullable(element), null);
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(item));
    }
}
