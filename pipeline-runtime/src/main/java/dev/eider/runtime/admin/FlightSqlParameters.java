package dev.eider.runtime.admin;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/**
 * The parameters of a prepared statement: the Arrow schema that tells clients their types (from
 * the types DuckDB inferred), and the values a client binds, as the Java objects DuckDB's
 * {@code setObject} takes. Parameters are few and scalar, so they are read value by value.
 */
final class FlightSqlParameters {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private FlightSqlParameters() {}

    /** One field per parameter, {@code $1}, {@code $2}, ...; a type DuckDB could not infer is sent as text, which DuckDB casts. */
    static Schema schema(ParameterMetaData parameters) throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= parameters.getParameterCount(); i++) {
            fields.add(new Field("$" + i, FieldType.nullable(arrowType(parameters.getParameterTypeName(i))), null));
        }
        return new Schema(fields);
    }

    static ArrowType arrowType(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return new ArrowType.Decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)), 128);
        }
        return switch (type) {
            case "BOOLEAN" -> ArrowType.Bool.INSTANCE;
            case "TINYINT" -> new ArrowType.Int(8, true);
            case "SMALLINT" -> new ArrowType.Int(16, true);
            case "INTEGER" -> new ArrowType.Int(32, true);
            case "BIGINT" -> new ArrowType.Int(64, true);
            case "UTINYINT" -> new ArrowType.Int(8, false);
            case "USMALLINT" -> new ArrowType.Int(16, false);
            case "UINTEGER" -> new ArrowType.Int(32, false);
            case "UBIGINT" -> new ArrowType.Int(64, false);
            case "FLOAT" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case "DOUBLE" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "BLOB" -> ArrowType.Binary.INSTANCE;
            case "DATE" -> new ArrowType.Date(DateUnit.DAY);
            // Milliseconds: the Flight SQL JDBC driver (18.3) writes a Timestamp's milliseconds
            // into whatever unit the schema names. Values in any unit are read right (see timestamp).
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case "TIMESTAMP WITH TIME ZONE" -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    /**
     * The values of the one row of parameters a client bound, in order.
     *
     * @throws org.apache.arrow.flight.FlightRuntimeException INVALID_ARGUMENT for a row count other than one
     */
    static List<Object> values(VectorSchemaRoot bound) {
        if (bound.getRowCount() != 1) {
            throw FlightSqlErrors.invalid("bind exactly one row of parameters per execution, got " + bound.getRowCount());
        }
        List<Object> values = new ArrayList<>();
        for (FieldVector vector : bound.getFieldVectors()) {
            values.add(value(vector));
        }
        return values;
    }

    private static Object value(FieldVector vector) {
        if (vector.isNull(0)) {
            return null;
        }
        if (vector instanceof TimeStampVector timestamp) {
            return timestamp(timestamp);
        }
        if (vector instanceof DateDayVector date) {
            return LocalDate.ofEpochDay(date.get(0));
        }
        Object value = vector.getObject(0);
        if (value instanceof Text text) {
            return text.toString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof byte[]
                || value instanceof java.math.BigDecimal || value instanceof String) {
            return value;
        }
        throw FlightSqlErrors.invalid("parameter " + vector.getName() + ": values of Arrow type "
                + vector.getField().getType() + " cannot be bound; send it as text and CAST it in the statement");
    }

    /** A timestamp as DuckDB binds one: local date-time without a zone, or an instant (UTC) with one. */
    private static Object timestamp(TimeStampVector vector) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        long raw = vector.get(0);
        Instant instant = switch (type.getUnit()) {
            case SECOND -> Instant.ofEpochSecond(raw);
            case MILLISECOND -> Instant.ofEpochMilli(raw);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000L), Math.floorMod(raw, 1_000_000L) * 1000);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L));
        };
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        return type.getTimezone() == null ? utc.toLocalDateTime() : utc;
    }
}
