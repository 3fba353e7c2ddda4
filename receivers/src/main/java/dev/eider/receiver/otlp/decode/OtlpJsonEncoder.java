package dev.eider.receiver.otlp.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.eider.runtime.json.HexIds;
import dev.eider.runtime.json.JsonWriter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes an OTLP message as OTLP/JSON, the inverse of what the decoder reads: hex ids, 64-bit
 * integers as strings, enums as numbers, lowerCamelCase names, default values left out. Used to
 * produce JSON payloads from protobuf ones (tests, benchmarks).
 */
public final class OtlpJsonEncoder {
    private OtlpJsonEncoder() {}

    public static String encode(Message message) {
        JsonWriter json = new JsonWriter();
        writeMessage(json, message);
        return json.text();
    }

    private static void writeMessage(JsonWriter json, Message message) {
        json.beginObject();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            json.name(field.getJsonName());
            if (field.isRepeated()) {
                json.beginArray();
                for (Object element : (List<?>) entry.getValue()) {
                    writeValue(json, field, element);
                }
                json.endArray();
            } else {
                writeValue(json, field, entry.getValue());
            }
        }
        json.endObject();
    }

    private static void writeValue(JsonWriter json, FieldDescriptor field, Object value) {
        switch (field.getType()) {
            case MESSAGE, GROUP -> writeMessage(json, (Message) value);
            case INT64, SINT64, SFIXED64 -> json.value(Long.toString((Long) value));
            case UINT64, FIXED64 -> json.value(Long.toUnsignedString((Long) value));
            case UINT32, FIXED32 -> json.value(Integer.toUnsignedLong((Integer) value));
            case INT32, SINT32, SFIXED32 -> json.value((long) (Integer) value);
            case DOUBLE -> json.value((double) (Double) value);
            case FLOAT -> json.value((double) (Float) value);
            case BOOL -> json.value((boolean) (Boolean) value);
            case STRING -> json.value((String) value);
            case ENUM -> json.value((long) ((EnumValueDescriptor) value).getNumber());
            case BYTES -> {
                byte[] bytes = ((ByteString) value).toByteArray();
                boolean id = OtlpJsonReader.idLength(field) > 0;
                json.value(id ? HexIds.toHex(bytes) : Base64.getEncoder().encodeToString(bytes));
            }
        }
    }
}
