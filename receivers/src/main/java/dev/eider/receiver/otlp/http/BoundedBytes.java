package dev.eider.receiver.otlp.http;

import java.util.Arrays;

/**
 * A growing byte array that refuses to grow past a limit, so a body's memory never exceeds
 * max_body_bytes whatever the client declares or a compressed stream expands to.
 */
final class BoundedBytes {
    private final int limit;
    private byte[] data;
    private int size;

    BoundedBytes(int initialCapacity, int limit) {
        this.limit = limit;
        this.data = new byte[Math.max(0, Math.min(initialCapacity, limit))];
    }

    /** Whether {@code length} more bytes fit under the limit. */
    boolean fits(int length) {
        return (long) size + length <= limit;
    }

    /** Space left before the next {@link #ensureRoom} call has to grow the array. */
    int room() {
        return data.length - size;
    }

    /** Makes room for at least one more byte (up to the limit); false when the limit is reached. */
    boolean ensureRoom() {
        if (size < data.length) {
            return true;
        }
        if (size >= limit) {
            return false;
        }
        int grown = (int) Math.min(limit, Math.max(8192L, (long) data.length * 2));
        data = Arrays.copyOf(data, grown);
        return true;
    }

    /** The array to write into at {@link #size()}; valid until the next grow. */
    byte[] array() {
        return data;
    }

    void advance(int written) {
        size += written;
    }

    /** Grows so that {@code length} more bytes can be written at {@link #size()}; the caller has checked {@link #fits}. */
    void reserve(int length) {
        if (size + length > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(limit, Math.max((long) size + length, (long) data.length * 2)));
        }
    }

    int size() {
        return size;
    }
}
