package dev.eider.processor.auth;

import dev.eider.runtime.config.ConfigSection;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code processors.auth}: the bearer token, or {@code disable_auth: true}. Without a token one
 * is generated here, at bind time, so every pipeline that lists the same auth id checks the same
 * token ({@code tokenGenerated} tells the processor to print it at start).
 */
public record AuthConfig(String token, boolean disableAuth, boolean tokenGenerated) {
    static final int MIN_TOKEN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "AuthConfig[token=" + (token == null ? "none" : "<redacted>") + ", disableAuth=" + disableAuth
                + ", tokenGenerated=" + tokenGenerated + "]";
    }

    static AuthConfig bind(ConfigSection section) {
        boolean disable = section.bool("disable_auth", false);
        String token = section.string("token", null);
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            section.error("token", "must be at least " + MIN_TOKEN_LENGTH + " characters");
            token = null;
        }
        if (disable) {
            return new AuthConfig(null, true, false);
        }
        if (token == null) {
            return new AuthConfig(generateToken(), false, true);
        }
        return new AuthConfig(token, false, false);
    }

    /** 128 random bits as 32 hex characters. */
    static String generateToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
