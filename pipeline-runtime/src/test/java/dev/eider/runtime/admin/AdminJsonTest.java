package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminJsonTest {
    @Test
    void writesScalars() {
        assertEquals("null", AdminJson.write(null));
        assertEquals("true", AdminJson.write(true));
        assertEquals("false", AdminJson.write(false));
        assertEquals("-9223372036854775808", AdminJson.write(Long.MIN_VALUE));
        assertEquals("42", AdminJson.write(42));
        assertEquals("1.5", AdminJson.write(1.5d));
        assertEquals("\"plain\"", AdminJson.write("plain"));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"say \\\"hi\\\" C:\\\\dir\"", AdminJson.write("say \"hi\" C:\\dir"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", AdminJson.write("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u0001\\u001f\"", AdminJson.write("\u0000\u0001\u001f"));
        // Forward slash and DEL need no escape; U+2028/2029 are escaped for JavaScript readers.
        assertEquals("\"a/b\u007f\\u2028\\u2029\"", AdminJson.write("a/b\u007f\u2028\u2029"));
    }

    @Test
    void keepsUnicodeAndEscapesUnpairedSurrogates() {
        assertEquals("\"héllo 日本 😀\"", AdminJson.write("héllo 日本 😀"));
        assertEquals("\"x\\ud83dy\"", AdminJson.write("x\ud83dy"));
        assertEquals("\"\\ude00\"", AdminJson.write("\ude00"));
    }

    @Test
    void writesNestedObjectsAndArraysInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", null);
        inner.put("a", List.of(1, "two", false));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("k\"ey", inner);
        outer.put("empty", List.of());
        outer.put("none", Map.of());
        outer.put("nulls", Arrays.asList(null, null));
        assertEquals("{\"k\\\"ey\":{\"z\":null,\"a\":[1,\"two\",false]},\"empty\":[],\"none\":{},\"nulls\":[null,null]}",
                AdminJson.write(outer));
    }

    @Test
    void rejectsWhatJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> AdminJson.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> AdminJson.write(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> AdminJson.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> AdminJson.write(Map.of(1, "x")));
    }

    @Test
    void readsJsonDocumentsInDocumentOrder() {
        Object doc = AdminJson.read("{\"b\": [1, 2.5, null, true], \"a\": {\"s\": \"x\\\"y\\u00e9\"}}");
        assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(((java.util.Map<?, ?>) doc).keySet()));
        assertEquals(java.util.Arrays.asList(1, 2.5, null, true), ((java.util.Map<?, ?>) doc).get("b"));
        assertEquals(java.util.Map.of("s", "x\"y\u00e9"), ((java.util.Map<?, ?>) doc).get("a"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> AdminJson.read("{\"a\": [}"));
    }
}
