package dev.eider.receiver.otlp.decode;

import dev.eider.runtime.json.JsonWriter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** OTLP attributes and AnyValues in the JSON form of tables.md (keys in input order). */
final class AttributeJson {
    private AttributeJson() {}

    /** The attributes as one JSON object text; {@code {}} when there are none. */
    static String object(JsonWriter json, List<KeyValue> attributes) {
        json.reset();
        writeObject(json, attributes);
        return json.text();
    }

    /** Appends the attributes as a JSON object. */
    static void writeObject(JsonWriter json, List<KeyValue> attributes) {
        json.beginObject();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            KeyValue kv = attributes.get(i);
            json.name(kv.getKey());
            writeValue(json, kv.getValue());
        }
        json.endObject();
    }

    /** Appends one AnyValue; an empty AnyValue is JSON null. */
    static void writeValue(JsonWriter json, AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> json.value(value.getStringValue());
            case BOOL_VALUE -> json.value(value.getBoolValue());
            case INT_VALUE -> json.value(value.getIntValue());
            case DOUBLE_VALUE -> json.value(value.getDoubleValue());
            case BYTES_VALUE -> json.base64(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> {
                json.beginArray();
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    writeValue(json, element);
                }
                json.endArray();
            }
            case KVLIST_VALUE -> writeObject(json, value.getKvlistValue().getValuesList());
            case VALUE_NOT_SET -> json.nullValue();
        }
    }
}
