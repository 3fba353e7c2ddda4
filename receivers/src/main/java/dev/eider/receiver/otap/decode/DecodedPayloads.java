package dev.eider.receiver.otap.decode;

import dev.eider.receiver.otap.proto.ArrowPayloadType;
import java.util.EnumMap;
import java.util.Map;

/** The record batches of one BatchArrowRecords message by payload type; absent types were not sent. */
final class DecodedPayloads {
    private final Map<ArrowPayloadType, PayloadRecord> records = new EnumMap<>(ArrowPayloadType.class);

    void put(ArrowPayloadType type, PayloadRecord record) throws OtapDecodeException {
        if (records.putIfAbsent(type, record) != null) {
            throw new OtapDecodeException("the message holds more than one " + type + " payload");
        }
    }

    /** The root payload (or any other) of this type, or null when it was not sent. */
    PayloadRecord root(ArrowPayloadType type) {
        return records.get(type);
    }

    AttributeStore attributes(ArrowPayloadType type) throws OtapDecodeException {
        return AttributeStore.of(records.get(type));
    }

    ResourceScopeGroups resourceScopeGroups(PayloadRecord root) throws OtapDecodeException {
        return new ResourceScopeGroups(root, attributes(ArrowPayloadType.RESOURCE_ATTRS),
                attributes(ArrowPayloadType.SCOPE_ATTRS));
    }
}
