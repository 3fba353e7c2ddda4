package dev.eider.processor.attributes;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen top-level fields of a JSON object text: a string value decoded, any other value
 * (number, bool, null, array, object) as its JSON text. Nested values are skipped over, never
 * decoded, so a row costs one pass over its attribute text.
 */
final class JsonObjectFields {
    private final String text;
    private int pos;

    private JsonObjectFields(String text) {
        this.text = text;
    }

    /**
     * The values of the {@code keys} present in {@code json} (the first occurrence of a repeated
     * key). Throws IllegalArgumentException naming the offset when the text is not a JSON object.
     */
    static Map<String, String> extract(String json, Set<String> keys) {
        return new JsonObjectFields(json).object(keys);
    }

    private Map<String, String> object(Set<String> keys) {
        Map<String, String> found = new HashMap<>();
        skipWhitespace();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return end(found);
        }
        while (true) {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (keys.contains(key) && !found.containsKey(key)) {
                found.put(key, peek() == '"' ? string() : rawValue());
            } else {
                rawValue();
            }
            skipWhitespace();
            char separator = next();
            if (separator == '}') {
                return end(found);
            }
            if (separator != ',') {
                throw malformed("expected ',' or '}'");
            }
        }
    }

    private Map<String, String> end(Map<String, String> found) {
        skipWhitespace();
        if (pos != text.length()) {
            throw malformed("unexpected text after the object");
        }
        return found;
    }

    /** Skips one value and returns its text as written. */
    private String rawValue() {
        int start = pos;
        char first = peek();
        if (first == '"') {
            string();
        } else if (first == '{' || first == '[') {
            container();
        } else {
            while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                throw malformed("expected a value");
            }
        }
        return text.substring(start, pos);
    }

    /** Skips an object or array, minding brackets inside strings. */
    private void container() {
        int depth = 0;
        do {
            char c = peek();
            if (c == '"') {
                string();
                continue;
            }
            pos++;
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        } while (depth > 0);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw malformed("truncated \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                    } catch (NumberFormatException e) {
                        throw malformed("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw malformed("bad escape \\" + escaped);
            }
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            pos--;
            throw malformed("expected '" + wanted + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw malformed("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException malformed(String problem) {
        return new IllegalArgumentException("not a JSON object: " + problem + " at offset " + pos);
    }
}
