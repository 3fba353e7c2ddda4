package dev.eider.runtime.seal;

import java.time.Duration;

/** The buffer's triggers and cap (docs/seal-contract.md, rules 1 and 2). */
public record SealSettings(long sealTargetBytes, Duration sealMaxAge, long maxBufferedBytes) {
    public static final long DEFAULT_SEAL_TARGET_BYTES = 128L << 20;
    public static final Duration DEFAULT_SEAL_MAX_AGE = Duration.ofSeconds(5);
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 512L << 20;
    public static final SealSettings DEFAULTS =
            new SealSettings(DEFAULT_SEAL_TARGET_BYTES, DEFAULT_SEAL_MAX_AGE, DEFAULT_MAX_BUFFERED_BYTES);
}
