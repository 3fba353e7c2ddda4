package dev.eider.processor.batch;

import dev.eider.runtime.seal.SealSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code batch} processor's settings: the seal triggers and the buffer cap
 * (shared/spec/seal.md, rules 1 and 2).
 */
public record BatchConfig(long sealTargetBytes, Duration sealMaxAge, long maxBufferedBytes) {
    public static final String SEAL_TARGET_BYTES = "seal_target_bytes";
    public static final String SEAL_MAX_AGE = "seal_max_age";
    public static final String MAX_BUFFERED_BYTES = "max_buffered_bytes";

    public static final BatchConfig DEFAULTS = new BatchConfig(SealSettings.DEFAULT_SEAL_TARGET_BYTES,
            SealSettings.DEFAULT_SEAL_MAX_AGE, SealSettings.DEFAULT_MAX_BUFFERED_BYTES);

    /** What is wrong with these values, by key; empty when valid. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (sealTargetBytes <= 0) {
            problems.put(SEAL_TARGET_BYTES, "must be > 0");
        }
        if (sealMaxAge.isNegative() || sealMaxAge.isZero()) {
            problems.put(SEAL_MAX_AGE, "must be > 0");
        }
        if (maxBufferedBytes <= 0) {
            problems.put(MAX_BUFFERED_BYTES, "must be > 0");
        } else if (sealTargetBytes > maxBufferedBytes) {
            problems.put(SEAL_TARGET_BYTES, "must be <= " + MAX_BUFFERED_BYTES + " (" + sealTargetBytes + " > "
                    + maxBufferedBytes + "), or the size trigger could never fire");
        }
        return problems;
    }

    public SealSettings sealSettings() {
        return new SealSettings(sealTargetBytes, sealMaxAge, maxBufferedBytes);
    }
}
