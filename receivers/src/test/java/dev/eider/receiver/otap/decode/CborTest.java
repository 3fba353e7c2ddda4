package dev.eider.receiver.otap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CborTest {
    @Test
    void indefiniteMapWithEveryScalarKeepsKeyOrder() throws Exception {
        // {_ "s": "v", "i": -500, "d": 1.5 (double), "h": 1.0 (half), "b": true, "x": h'0102', "n": null}
        byte[] cbor = HexFormat.of().parseHex("bf"
                + "6173" + "6176"
                + "6169" + "3901f3"
                + "6164" + "fb3ff8000000000000"
                + "6168" + "f93c00"
                + "6162" + "f5"
                + "6178" + "420102"
                + "616e" + "f6"
                + "ff");
        AnyValue expected = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("s", AnyValue.newBuilder().setStringValue("v")))
                .addValues(kv("i", AnyValue.newBuilder().setIntValue(-500)))
                .addValues(kv("d", AnyValue.newBuilder().setDoubleValue(1.5)))
                .addValues(kv("h", AnyValue.newBuilder().setDoubleValue(1.0)))
                .addValues(kv("b", AnyValue.newBuilder().setBoolValue(true)))
                .addValues(kv("x", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2}))))
                .addValues(kv("n", AnyValue.newBuilder())))
                .build();
        assertEquals(expected, Cbor.decode(cbor, "test"));
    }

    @Test
    void definiteArraysNestAndLargeIntegersStaySigned() throws Exception {
        // [1, [9223372036854775807], {"k": "v"}]
        byte[] cbor = HexFormat.of().parseHex("83" + "01" + "81" + "1b7fffffffffffffff" + "a1" + "616b" + "6176");
        AnyValue expected = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setIntValue(1))
                .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(Long.MAX_VALUE))))
                .addValues(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("k", AnyValue.newBuilder().setStringValue("v"))))))
                .build();
        assertEquals(expected, Cbor.decode(cbor, "test"));
    }

    @Test
    void malformedInputIsNamed() {
        OtapDecodeException truncated = assertThrows(OtapDecodeException.class,
                () -> Cbor.decode(HexFormat.of().parseHex("826161"), "LOG_ATTRS.ser row 3"));
        assertTrue(truncated.getMessage().startsWith("LOG_ATTRS.ser row 3: invalid CBOR"), truncated.getMessage());
        OtapDecodeException tooBig = assertThrows(OtapDecodeException.class,
                () -> Cbor.decode(HexFormat.of().parseHex("1bffffffffffffffff"), "x"));
        assertTrue(tooBig.getMessage().contains("does not fit"), tooBig.getMessage());
        OtapDecodeException key = assertThrows(OtapDecodeException.class,
                () -> Cbor.decode(HexFormat.of().parseHex("a10101"), "x"));
        assertTrue(key.getMessage().contains("map key"), key.getMessage());
    }

    private static KeyValue kv(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
