package dev.eider.processor.batch;

import dev.eider.runtime.seal.AckMode;
import dev.eider.runtime.seal.Durability;
import dev.eider.runtime.seal.SealSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code batch} processor's settings: the seal triggers and the buffer cap
 * (docs/seal-contract.md, rules 1 and 2), and when requests are acknowledged (docs/durability.md).
 */
public record BatchConfig(long sealTargetBytes, Duration sealMaxAge, long maxBufferedBytes, Durability durability) {
    public static final String SEAL_TARGET_BYTES = "seal_target_bytes";
    public static final String SEAL_MAX_AGE = "seal_max_age";
    public static final String MAX_BUFFERED_BYTES = "max_buffered_bytes";
    public static final String ACK = "ack";
    public static final String WAL_DIR = "wal_dir";
    public static final String WAL_MAX_BYTES = "wal_max_bytes";
    public static final String WAL_SEGMENT_BYTES = "wal_segment_bytes";

    public static final BatchConfig DEFAULTS = new BatchConfig(SealSettings.DEFAULT_SEAL_TARGET_BYTES,
            SealSettings.DEFAULT_SEAL_MAX_AGE, SealSettings.DEFAULT_MAX_BUFFERED_BYTES);

    /** Settings that acknowledge once buffered (the default). */
    public BatchConfig(long sealTargetBytes, Duration sealMaxAge, long maxBufferedBytes) {
        this(sealTargetBytes, sealMaxAge, maxBufferedBytes, Durability.BUFFERED);
    }

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
        if (durability.walSegmentBytes() <= 0) {
            problems.put(WAL_SEGMENT_BYTES, "must be > 0");
        }
        if (durability.walMaxBytes() <= 0) {
            problems.put(WAL_MAX_BYTES, "must be > 0");
        } else if (durability.walSegmentBytes() > durability.walMaxBytes()) {
            problems.put(WAL_SEGMENT_BYTES, "must be <= " + WAL_MAX_BYTES + " (" + durability.walSegmentBytes() + " > "
                    + durability.walMaxBytes() + ")");
        }
        return problems;
    }

    public SealSettings sealSettings() {
        return new SealSettings(sealTargetBytes, sealMaxAge, maxBufferedBytes);
    }

    /** The config spellings of {@link AckMode}, for messages. */
    static String ackModes() {
        return String.join(", ", Arrays.stream(AckMode.values()).map(AckMode::configName).toList());
    }
}
