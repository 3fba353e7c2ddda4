package dev.eider.runtime.seal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a pipeline acknowledges requests and, for {@link AckMode#DURABLE}, where its write-ahead
 * log lives: {@code walDir} holds one subdirectory per pipeline; {@code walMaxBytes} caps the
 * log (beyond it requests are refused as overloaded, never dropped); segments roll at
 * {@code walSegmentBytes}.
 */
public record Durability(AckMode ack, Path walDir, long walMaxBytes, long walSegmentBytes) {
    public static final Path DEFAULT_WAL_DIR = Path.of("eider-wal");
    public static final long DEFAULT_WAL_MAX_BYTES = 1L << 30;
    public static final long DEFAULT_WAL_SEGMENT_BYTES = 16L << 20;
    public static final Durability BUFFERED =
            new Durability(AckMode.BUFFERED, DEFAULT_WAL_DIR, DEFAULT_WAL_MAX_BYTES, DEFAULT_WAL_SEGMENT_BYTES);

    public Durability {
        Objects.requireNonNull(ack, "ack");
        Objects.requireNonNull(walDir, "walDir");
    }

    public boolean logged() {
        return ack == AckMode.DURABLE;
    }
}
