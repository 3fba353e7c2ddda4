package dev.eider.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesNestedContainersWithSeparators() {
        JsonWriter json = new JsonWriter();
        json.beginObject()
                .name("a").value(1L)
                .name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject().endArray()
                .name("c").beginObject().name("d").value(2.5).endObject()
                .endObject();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":{\"d\":2.5}}", json.text());
    }

    @Test
    void escapesStringsAndKeys() {
        String text = new JsonWriter().beginObject().name("k\"ey").value("q\" b\\ n\n t\t c\u0001 é").endObject().text();
        assertEquals("{\"k\\\"ey\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 é\"}", text);
    }

    @Test
    void nonFiniteDoublesBecomeStringsSoTheTextStaysJson() {
        String text = new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
                .value(Double.NEGATIVE_INFINITY).value(-0.5).endArray().text();
        assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",-0.5]", text);
    }

    @Test
    void base64AndUnsignedValues() {
        String text = new JsonWriter().beginArray().base64(new byte[] {0, -1, 16})
                .unsignedValue(-1L).value(Long.MIN_VALUE).endArray().text();
        assertEquals("[\"AP8Q\",18446744073709551615,-9223372036854775808]", text);
    }

    @Test
    void resetStartsANewDocument() {
        JsonWriter json = new JsonWriter();
        json.beginArray().value(1L);
        assertEquals("{}", json.reset().beginObject().endObject().text());
    }

    @Test
    void nestsAsDeepAsTheInput() {
        JsonWriter json = new JsonWriter();
        for (int i = 0; i < 1000; i++) {
            json.beginArray().value(i);
        }
        for (int i = 0; i < 1000; i++) {
            json.endArray();
        }
        assertTrue(json.text().startsWith("[0,[1,[2,"), json.text().substring(0, 20));
        assertTrue(json.text().endsWith("999" + "]".repeat(1000)));
    }

    @Test
    void closingWithoutOpeningIsABug() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().endArray());
    }
}
