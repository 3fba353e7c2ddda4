package dev.eider.processor.auth;

import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.Processor;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Refuses requests without the pipeline's token, on headers alone: {@code Authorization: Bearer}
 * (scheme case-insensitive) or {@code x-api-key}, each accepted on its own. Tokens are compared
 * as SHA-256 digests with {@link MessageDigest#isEqual}, so neither content nor length leaks
 * through timing.
 */
final class AuthProcessor implements Processor {
    private static final System.Logger LOG = System.getLogger(AuthProcessor.class.getName());
    private static final String BEARER = "bearer";

    private final String pipelineId;
    private final AuthConfig config;
    private final byte[] tokenDigest;

    AuthProcessor(String pipelineId, AuthConfig config) {
        this.pipelineId = pipelineId;
        this.config = config;
        this.tokenDigest = config.disableAuth() ? null : digest(config.token());
    }

    @Override
    public void start(Host host) {
        if (config.tokenGenerated()) {
            LOG.log(System.Logger.Level.INFO, "auth token for pipeline " + pipelineId + ": " + config.token());
        }
    }

    @Override
    public void checkRequest(RequestMetadata metadata) throws RejectedException {
        if (config.disableAuth()) {
            return;
        }
        String bearer = bearerToken(metadata.header("authorization"));
        String apiKey = metadata.header("x-api-key");
        if (bearer == null && apiKey == null) {
            throw new RejectedException(RejectedException.Reason.UNAUTHENTICATED,
                    "missing credentials: send 'Authorization: Bearer <token>' or 'x-api-key: <token>'");
        }
        if (matches(bearer) || matches(apiKey == null ? null : apiKey.trim())) {
            return;
        }
        throw new RejectedException(RejectedException.Reason.UNAUTHENTICATED, "invalid token");
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(tokenDigest, digest(candidate));
    }

    /** The credentials of a Bearer Authorization header, or null for another scheme. */
    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !Character.isWhitespace(value.charAt(BEARER.length()))) {
            return null;
        }
        return value.substring(BEARER.length()).trim();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
