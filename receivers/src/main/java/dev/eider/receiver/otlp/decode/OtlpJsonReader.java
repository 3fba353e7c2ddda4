package dev.eider.receiver.otlp.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.eider.runtime.json.HexIds;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one OTLP/JSON export request into the generated protobuf builder, streaming with
 * Jackson and driven by the message descriptors, so every OTLP message type is covered by the
 * same rules (wire.md): trace/span ids are hex, other bytes base64; 64-bit integers may be
 * strings or numbers; enums may be integers or names; lowerCamelCase or snake_case names;
 * unknown fields and JSON nulls are skipped. Thread-safe.
 */
final class OtlpJsonReader {
    private static final JsonFactory JSON = new JsonFactory();
    /** Protobuf's own default recursion limit, so both encodings accept the same nesting. */
    private static final int MAX_MESSAGE_DEPTH = 100;
    /** Per message type: its fields under both their JSON and their proto names. */
    private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new ConcurrentHashMap<>();

    /** Parses {@code length} bytes at {@code offset} as one JSON object into {@code builder}. */
    void read(byte[] body, int offset, int length, Message.Builder builder) throws MalformedPayloadException {
        try (JsonParser parser = JSON.createParser(body, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(parser, "expected a JSON object");
            }
            readObject(parser, builder, 1);
            if (parser.nextToken() != null) {
                throw malformed(parser, "unexpected content after the request object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException(e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw new MalformedPayloadException("unreadable JSON: " + e.getMessage());
        }
    }

    /** Fills {@code builder} from the object whose START_OBJECT is the current token. */
    private void readObject(JsonParser parser, Message.Builder builder, int depth)
            throws IOException, MalformedPayloadException {
        if (depth > MAX_MESSAGE_DEPTH) {
            throw malformed(parser, "messages nested deeper than " + MAX_MESSAGE_DEPTH + " levels");
        }
        Map<String, FieldDescriptor> fields = FIELDS.computeIfAbsent(builder.getDescriptorForType(), OtlpJsonReader::index);
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            FieldDescriptor field = fields.get(parser.currentName());
            JsonToken value = parser.nextToken();
            if (field == null) {
                parser.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                readField(parser, builder, field, depth);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw malformed(parser, "expected a field name or the end of the object");
        }
    }

    private void readField(JsonParser parser, Message.Builder builder, FieldDescriptor field, int depth)
            throws IOException, MalformedPayloadException {
        if (!field.isRepeated()) {
            builder.setField(field, readValue(parser, builder, field, depth));
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw malformed(parser, "expected an array for " + field.getJsonName());
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_NULL) {
                builder.addRepeatedField(field, readValue(parser, builder, field, depth));
            }
        }
    }

    /** Reads the current token as the field's value; {@code depth} is that of the enclosing message. */
    private Object readValue(JsonParser parser, Message.Builder builder, FieldDescriptor field, int depth)
            throws IOException, MalformedPayloadException {
        JsonToken token = parser.currentToken();
        switch (field.getJavaType()) {
            case MESSAGE -> {
                if (token != JsonToken.START_OBJECT) {
                    throw malformed(parser, "expected an object for " + field.getJsonName());
                }
                Message.Builder child = builder.newBuilderForField(field);
                readObject(parser, child, depth + 1);
                return child.build();
            }
            case STRING -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw malformed(parser, "expected a string for " + field.getJsonName());
                }
                return parser.getText();
            }
            case BOOLEAN -> {
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    return token == JsonToken.VALUE_TRUE;
                }
                throw malformed(parser, "expected true or false for " + field.getJsonName());
            }
            case LONG -> {
                return readLong(parser, field);
            }
            case INT -> {
                long value = readLong(parser, field);
                if (value != (int) value && !(isUnsigned(field) && value >>> 32 == 0)) {
                    throw malformed(parser, field.getJsonName() + " is out of the 32-bit range");
                }
                return (int) value;
            }
            case DOUBLE -> {
                return readDouble(parser, field);
            }
            case FLOAT -> {
                return (float) readDouble(parser, field);
            }
            case BYTE_STRING -> {
                return readBytes(parser, field);
            }
            case ENUM -> {
                return readEnum(parser, field);
            }
            default -> throw new IllegalStateException("unhandled field type " + field.getJavaType());
        }
    }

    private long readLong(JsonParser parser, FieldDescriptor field) throws IOException, MalformedPayloadException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return unsignedFits(parser, field, parser.getBigIntegerValue());
            }
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText().trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notSigned64) {
                // rare: an unsigned value past Long.MAX_VALUE, or not a number at all
            }
            try {
                return unsignedFits(parser, field, new BigInteger(text));
            } catch (NumberFormatException e) {
                throw malformed(parser, "expected an integer for " + field.getJsonName() + ", got \"" + text + "\"");
            }
        }
        throw malformed(parser, "expected an integer for " + field.getJsonName());
    }

    /** The 64-bit two's complement of {@code value}, which must fit the field's (un)signed range. */
    private static long unsignedFits(JsonParser parser, FieldDescriptor field, BigInteger value)
            throws MalformedPayloadException {
        int bits = value.bitLength();
        boolean fits = isUnsigned(field) ? value.signum() >= 0 && bits <= 64 : bits <= 63;
        if (!fits) {
            throw malformed(parser, field.getJsonName() + " value " + value + " is out of range");
        }
        return value.longValue();
    }

    private static boolean isUnsigned(FieldDescriptor field) {
        return switch (field.getType()) {
            case UINT32, UINT64, FIXED32, FIXED64 -> true;
            default -> false;
        };
    }

    private double readDouble(JsonParser parser, FieldDescriptor field) throws IOException, MalformedPayloadException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText().trim();
            switch (text) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw malformed(parser, "expected a number for " + field.getJsonName() + ", got \"" + text + "\"");
                    }
                }
            }
        }
        throw malformed(parser, "expected a number for " + field.getJsonName());
    }

    private ByteString readBytes(JsonParser parser, FieldDescriptor field) throws IOException, MalformedPayloadException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(parser, "expected a string for " + field.getJsonName());
        }
        String text = parser.getText();
        int idBytes = idLength(field);
        try {
            return ByteString.copyFrom(idBytes > 0 ? HexIds.fromHex(text, idBytes) : Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw malformed(parser, "bad " + field.getJsonName() + ": " + e.getMessage());
        }
    }

    /** Bytes of the hex-encoded id fields (OTLP/JSON deviates from proto3 JSON there); 0 for base64 fields. */
    static int idLength(FieldDescriptor field) {
        return switch (field.getName()) {
            case "trace_id" -> 16;
            case "span_id", "parent_span_id" -> 8;
            default -> 0;
        };
    }

    private EnumValueDescriptor readEnum(JsonParser parser, FieldDescriptor field) throws IOException, MalformedPayloadException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return field.getEnumType().findValueByNumberCreatingIfUnknown(parser.getIntValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            EnumValueDescriptor value = field.getEnumType().findValueByName(parser.getText());
            if (value == null) {
                throw malformed(parser, "unknown " + field.getJsonName() + " \"" + parser.getText() + "\"");
            }
            return value;
        }
        throw malformed(parser, "expected an enum name or number for " + field.getJsonName());
    }

    private static Map<String, FieldDescriptor> index(Descriptor type) {
        Map<String, FieldDescriptor> byName = new HashMap<>();
        for (FieldDescriptor f : type.getFields()) {
            byName.put(f.getName(), f);
            byName.put(f.getJsonName(), f);
        }
        return byName;
    }

    private static MalformedPayloadException malformed(JsonParser parser, String problem) {
        return new MalformedPayloadException(problem + at(parser.currentLocation()));
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
