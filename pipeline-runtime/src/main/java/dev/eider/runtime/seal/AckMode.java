package dev.eider.runtime.seal;

import java.util.Locale;

/** When a request's 2xx is sent (docs/durability.md). */
public enum AckMode {
    /** Once the rows are in the pipeline's memory buffer; a crash loses the unsealed window. */
    BUFFERED,
    /** Once the rows are in the write-ahead log and fsynced; replayed after a crash. */
    DURABLE,
    /** Once the seal that contains the rows committed on every exporter of the pipeline. */
    COMMITTED;

    /** The config spelling, e.g. {@code durable}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode spelled {@code value} in a config, or null when there is none. */
    public static AckMode parse(String value) {
        for (AckMode mode : values()) {
            if (mode.configName().equals(value)) {
                return mode;
            }
        }
        return null;
    }
}
