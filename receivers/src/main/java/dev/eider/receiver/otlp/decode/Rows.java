package dev.eider.receiver.otlp.decode;

import com.google.protobuf.ByteString;
import dev.eider.runtime.json.HexIds;
import dev.eider.runtime.json.JsonWriter;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** The value conventions of tables.md shared by the row writers. */
final class Rows {
    private Rows() {}

    /** Proto3 cannot tell an empty string from an absent one: both are NULL. */
    static String text(String value) {
        return value.isEmpty() ? null : value;
    }

    /** An id as lowercase hex; the empty id is null (NULL). */
    static String hexId(ByteString id) {
        return HexIds.toHex(id.toByteArray());
    }

    /** Appends an attributes member ({@code "name":{...}}) to an events/links/exemplars object. */
    static void attributesMember(JsonWriter json, String name, List<KeyValue> attributes) {
        json.name(name);
        AttributeJson.writeObject(json, attributes);
    }
}
