package dev.eider.receiver.otap.decode;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the CBOR (RFC 8949) that OTAP uses for map and slice AnyValues in the {@code ser}
 * columns: maps with text keys, arrays, text, byte strings, integers, floats, booleans and null,
 * definite or indefinite length. Tags are skipped; anything else is malformed.
 */
final class Cbor {
    private static final int MAX_DEPTH = 64;
    private static final int BREAK = 0xFF;

    private final byte[] data;
    private final String where;
    private int position;

    private Cbor(byte[] data, String where) {
        this.data = data;
        this.where = where;
    }

    /** The one data item in {@code data} as an AnyValue. */
    static AnyValue decode(byte[] data, String where) throws OtapDecodeException {
        Cbor cbor = new Cbor(data, where);
        AnyValue value = cbor.item(0);
        if (cbor.position != data.length) {
            throw cbor.malformed("trailing bytes after the value");
        }
        return value;
    }

    private AnyValue item(int depth) throws OtapDecodeException {
        if (depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
        int initial = next();
        int major = initial >>> 5;
        int info = initial & 0x1F;
        return switch (major) {
            case 0 -> AnyValue.newBuilder().setIntValue(unsignedInt(argument(info))).build();
            case 1 -> AnyValue.newBuilder().setIntValue(-1 - unsignedInt(argument(info))).build();
            case 2 -> AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(string(info, 2))).build();
            case 3 -> AnyValue.newBuilder().setStringValue(new String(string(info, 3), StandardCharsets.UTF_8)).build();
            case 4 -> array(info, depth);
            case 5 -> map(info, depth);
            case 6 -> {
                argument(info);
                yield item(depth + 1);
            }
            default -> simple(info);
        };
    }

    private AnyValue array(int info, int depth) throws OtapDecodeException {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        if (info == 31) {
            while (peek() != BREAK) {
                array.addValues(item(depth + 1));
            }
            position++;
        } else {
            for (long i = 0, n = length(info); i < n; i++) {
                array.addValues(item(depth + 1));
            }
        }
        return AnyValue.newBuilder().setArrayValue(array).build();
    }

    private AnyValue map(int info, int depth) throws OtapDecodeException {
        KeyValueList.Builder map = KeyValueList.newBuilder();
        if (info == 31) {
            while (peek() != BREAK) {
                map.addValues(entry(depth));
            }
            position++;
        } else {
            for (long i = 0, n = length(info); i < n; i++) {
                map.addValues(entry(depth));
            }
        }
        return AnyValue.newBuilder().setKvlistValue(map).build();
    }

    private KeyValue entry(int depth) throws OtapDecodeException {
        AnyValue key = item(depth + 1);
        if (!key.hasStringValue()) {
            throw malformed("a map key is not a text string");
        }
        return KeyValue.newBuilder().setKey(key.getStringValue()).setValue(item(depth + 1)).build();
    }

    private AnyValue simple(int info) throws OtapDecodeException {
        return switch (info) {
            case 20 -> AnyValue.newBuilder().setBoolValue(false).build();
            case 21 -> AnyValue.newBuilder().setBoolValue(true).build();
            case 22, 23 -> AnyValue.getDefaultInstance();
            case 25 -> AnyValue.newBuilder().setDoubleValue(halfFloat((int) bigEndian(2))).build();
            case 26 -> AnyValue.newBuilder().setDoubleValue(Float.intBitsToFloat((int) bigEndian(4))).build();
            case 27 -> AnyValue.newBuilder().setDoubleValue(Double.longBitsToDouble(bigEndian(8))).build();
            default -> throw malformed("unsupported simple value " + info);
        };
    }

    /** Definite-length text or byte string, or the concatenated chunks of an indefinite one. */
    private byte[] string(int info, int major) throws OtapDecodeException {
        if (info != 31) {
            return take(length(info));
        }
        java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
        while (peek() != BREAK) {
            int chunk = next();
            if (chunk >>> 5 != major || (chunk & 0x1F) == 31) {
                throw malformed("bad chunk in an indefinite-length string");
            }
            chunks.writeBytes(take(length(chunk & 0x1F)));
        }
        position++;
        return chunks.toByteArray();
    }

    private long length(int info) throws OtapDecodeException {
        long length = argument(info);
        if (length < 0 || length > data.length - position) {
            throw malformed("length " + Long.toUnsignedString(length) + " runs past the end");
        }
        return length;
    }

    private long argument(int info) throws OtapDecodeException {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> bigEndian(1);
            case 25 -> bigEndian(2);
            case 26 -> bigEndian(4);
            case 27 -> bigEndian(8);
            default -> throw malformed("unsupported additional information " + info);
        };
    }

    /** OTLP ints are signed 64-bit; larger CBOR integers cannot be represented. */
    private long unsignedInt(long value) throws OtapDecodeException {
        if (value < 0) {
            throw malformed("integer " + Long.toUnsignedString(value) + " does not fit a signed 64-bit int");
        }
        return value;
    }

    private long bigEndian(int bytes) throws OtapDecodeException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | next();
        }
        return value;
    }

    private static double halfFloat(int bits) {
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        double magnitude;
        if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, -24);
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = Math.scalb((double) (mantissa + 1024), exponent - 25);
        }
        return (bits & 0x8000) != 0 ? -magnitude : magnitude;
    }

    private byte[] take(long length) throws OtapDecodeException {
        byte[] bytes = java.util.Arrays.copyOfRange(data, position, position + (int) length);
        position += (int) length;
        return bytes;
    }

    private int peek() throws OtapDecodeException {
        if (position >= data.length) {
            throw malformed("unexpected end");
        }
        return data[position] & 0xFF;
    }

    private int next() throws OtapDecodeException {
        int b = peek();
        position++;
        return b;
    }

    private OtapDecodeException malformed(String problem) {
        return new OtapDecodeException(where + ": invalid CBOR at byte " + position + ": " + problem);
    }
}
