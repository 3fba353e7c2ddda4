package dev.eider.runtime.seal;

/**
 * How long the phases of a successful seal took. Targets without a transaction (plain Parquet)
 * report zeros.
 */
public record SealTiming(long appendDurationMs, long commitDurationMs) {
    public static final SealTiming NONE = new SealTiming(0, 0);
}
