package dev.eider.receiver.otap.decode;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;

/**
 * The OTAP AnyValue union: a {@code type} discriminant and one value column per type
 * (attributes and the log body). A missing value column means an empty value.
 */
final class AnyValueColumns {
    static final int EMPTY = 0;
    static final int STR = 1;
    static final int INT = 2;
    static final int DOUBLE = 3;
    static final int BOOL = 4;
    static final int MAP = 5;
    static final int SLICE = 6;
    static final int BYTES = 7;

    final Column type;
    final Column str;
    final Column integer;
    final Column dbl;
    final Column bool;
    final Column bytes;
    final Column ser;

    /** The union's columns under {@code prefix} ("" for attributes, "body." for the log body). */
    AnyValueColumns(PayloadRecord record, String prefix, boolean typeRequired) throws OtapDecodeException {
        type = typeRequired ? record.required(prefix + "type") : record.column(prefix + "type");
        str = record.column(prefix + "str");
        integer = record.column(prefix + "int");
        dbl = record.column(prefix + "double");
        bool = record.column(prefix + "bool");
        bytes = record.column(prefix + "bytes");
        ser = record.column(prefix + "ser");
    }

    /** The type code of a row; a null union (or type) is empty. */
    int type(int row) throws OtapDecodeException {
        if (!PayloadRecord.present(type, row)) {
            return EMPTY;
        }
        long code = type.longValue(row);
        if (code < EMPTY || code > BYTES) {
            throw new OtapDecodeException(type.path() + " has unknown value type " + code + " in row " + row);
        }
        return (int) code;
    }

    /** The row's value; the active column being absent or null makes it empty. */
    AnyValue value(int row) throws OtapDecodeException {
        int code = type(row);
        Column active = active(code);
        if (!PayloadRecord.present(active, row)) {
            return AnyValue.getDefaultInstance();
        }
        AnyValue.Builder value = AnyValue.newBuilder();
        return switch (code) {
            case STR -> value.setStringValue(active.string(row)).build();
            case INT -> value.setIntValue(active.longValue(row)).build();
            case DOUBLE -> value.setDoubleValue(active.doubleValue(row)).build();
            case BOOL -> value.setBoolValue(active.booleanValue(row)).build();
            case BYTES -> value.setBytesValue(ByteString.copyFrom(active.bytes(row))).build();
            case MAP, SLICE -> Cbor.decode(active.bytes(row), active.path() + " row " + row);
            default -> AnyValue.getDefaultInstance();
        };
    }

    /** The column that holds a value of this type, or null for empty. */
    Column active(int code) {
        return switch (code) {
            case STR -> str;
            case INT -> integer;
            case DOUBLE -> dbl;
            case BOOL -> bool;
            case BYTES -> bytes;
            case MAP, SLICE -> ser;
            default -> null;
        };
    }
}
