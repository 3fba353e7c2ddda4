package dev.eider.runtime.seal;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The bounded ring of recent seal attempts of every pipeline (newest last). When full, the
 * oldest record makes room. Thread-safe.
 */
public final class SealHistory {
    public static final int DEFAULT_CAPACITY = 1024;

    private final int capacity;
    private final ArrayDeque<SealRecord> ring;

    public SealHistory() {
        this(DEFAULT_CAPACITY);
    }

    public SealHistory(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("seal history capacity must be > 0, got " + capacity);
        }
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(capacity);
    }

    public synchronized void add(SealRecord record) {
        if (ring.size() == capacity) {
            ring.pollFirst();
        }
        ring.addLast(record);
    }

    /** The records held now, oldest first. */
    public synchronized List<SealRecord> snapshot() {
        return List.copyOf(ring);
    }
}
