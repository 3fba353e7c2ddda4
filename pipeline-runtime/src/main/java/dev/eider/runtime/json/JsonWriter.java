package dev.eider.runtime.json;

import java.util.Arrays;
import java.util.Base64;

/**
 * Appends compact JSON text to a reusable buffer: the attribute, events, links and exemplars
 * columns are written with it. Separators are inserted automatically; callers only say what
 * comes next. Not thread-safe.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder(256);
    /** Per open container: true until its first element has been written. */
    private boolean[] first = new boolean[16];
    private int depth;
    /** True right after {@link #name}: the next value needs no comma. */
    private boolean afterName;

    /** Clears the buffer to start a new document. */
    public JsonWriter reset() {
        out.setLength(0);
        depth = 0;
        afterName = false;
        return this;
    }

    /** The JSON text written since the last {@link #reset()}. */
    public String text() {
        return out.toString();
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    /** Writes an object member name; the value follows with the next call. */
    public JsonWriter name(String name) {
        separate();
        quoted(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        quoted(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** A 64-bit value the protocol defines as unsigned (fixed64 timestamps), as a JSON number. */
    public JsonWriter unsignedValue(long value) {
        separate();
        out.append(Long.toUnsignedString(value));
        return this;
    }

    /**
     * A JSON number; NaN and the infinities have no JSON number form, so they are written as
     * the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} to keep the text valid.
     */
    public JsonWriter value(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value(Double.toString(value));
        }
        separate();
        out.append(value);
        return this;
    }

    /** Bytes as a base64 JSON string. */
    public JsonWriter base64(byte[] bytes) {
        return value(Base64.getEncoder().encodeToString(bytes));
    }

    public JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    private JsonWriter open(char bracket) {
        separate();
        if (depth == first.length) {
            first = Arrays.copyOf(first, depth * 2);
        }
        out.append(bracket);
        first[depth++] = true;
        return this;
    }

    private JsonWriter close(char bracket) {
        if (depth == 0) {
            throw new IllegalStateException("no open JSON container to close");
        }
        depth--;
        out.append(bracket);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (first[depth - 1]) {
                first[depth - 1] = false;
            } else {
                out.append(',');
            }
        }
    }

    private void quoted(String s) {
        JsonStrings.appendQuoted(out, s);
    }
}
