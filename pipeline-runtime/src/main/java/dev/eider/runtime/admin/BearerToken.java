package dev.eider.runtime.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** A bearer token (the admin token, or Flight SQL's own) and the check of an {@code Authorization: Bearer} header against it. */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private final byte[] expected;
    private final String name;

    /** {@code name} is what error messages call it, e.g. "admin token". */
    BearerToken(String token, String name) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
        this.name = name;
    }

    /** 32 hex characters (128 bits) from a SecureRandom. */
    static String generate() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Why the header does not authenticate, or null when it does. */
    String rejection(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "missing Authorization: Bearer <" + name + "> header";
        }
        if (authorization.length() < SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return "Authorization header must use the Bearer scheme";
        }
        byte[] presented = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time in the token's content, so response timing does not reveal a prefix.
        return MessageDigest.isEqual(expected, presented) ? null : "invalid " + name;
    }
}
