package dev.eider.runtime.json;

/** Trace and span ids as lowercase hex text, the form the tables and OTLP/JSON use. */
public final class HexIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HexIds() {}

    /** Lowercase hex of the bytes; an empty id is null (stored as NULL). */
    public static String toHex(byte[] id) {
        if (id.length == 0) {
            return null;
        }
        char[] chars = new char[id.length * 2];
        for (int i = 0; i < id.length; i++) {
            chars[2 * i] = HEX[(id[i] >> 4) & 0xF];
            chars[2 * i + 1] = HEX[id[i] & 0xF];
        }
        return new String(chars);
    }

    /**
     * Parses an id of {@code expectedBytes} bytes from hex (either case); the empty string is
     * the empty id.
     *
     * @throws IllegalArgumentException naming the problem when the text is not such an id
     */
    public static byte[] fromHex(String text, int expectedBytes) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        if (text.length() != expectedBytes * 2) {
            throw new IllegalArgumentException("expected " + expectedBytes * 2 + " hex digits, got \""
                    + text + "\"");
        }
        byte[] id = new byte[expectedBytes];
        for (int i = 0; i < expectedBytes; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex id: \"" + text + "\"");
            }
            id[i] = (byte) (hi << 4 | lo);
        }
        return id;
    }
}
