package dev.eider.processor.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonObjectFieldsTest {
    @Test
    void readsOnlyTopLevelKeysAndSkipsNestedOnes() {
        String json = " { \"n\" : {\"a\":\"x\",\"b\":[\"}\",{\"a\":1}]} , \"a\" : -1.5e3 ,\"s\":\"tab\\there \\u0041\\/\", \"z\":true } ";
        assertEquals(Map.of("a", "-1.5e3", "n", "{\"a\":\"x\",\"b\":[\"}\",{\"a\":1}]}", "s", "tab\there A/"),
                JsonObjectFields.extract(json, Set.of("a", "n", "s", "missing")));
    }

    @Test
    void firstOccurrenceWinsAndEmptyObjectsHaveNothing() {
        assertEquals(Map.of("k", "1"), JsonObjectFields.extract("{\"k\":\"1\",\"k\":\"2\"}", Set.of("k")));
        assertEquals(Map.of(), JsonObjectFields.extract("{}", Set.of("k")));
        assertEquals(Map.of("k", "[]"), JsonObjectFields.extract("{\"k\":[]}", Set.of("k")));
    }

    @Test
    void malformedTextIsRefusedWithItsOffset() {
        assertEquals("not a JSON object: expected '{' at offset 0",
                assertThrows(IllegalArgumentException.class, () -> JsonObjectFields.extract("[1]", Set.of("k"))).getMessage());
        assertEquals("not a JSON object: unexpected end at offset 5",
                assertThrows(IllegalArgumentException.class, () -> JsonObjectFields.extract("{\"k\":", Set.of("k"))).getMessage());
        assertEquals("not a JSON object: expected ',' or '}' at offset 8",
                assertThrows(IllegalArgumentException.class, () -> JsonObjectFields.extract("{\"k\":1 2}", Set.of("k"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonObjectFields.extract("{\"k\":1} x", Set.of("k")));
        assertThrows(IllegalArgumentException.class, () -> JsonObjectFields.extract("{\"k\":\"\\q\"}", Set.of("k")));
    }
}
