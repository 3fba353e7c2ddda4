package dev.eider.runtime.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealHistoryTest {
    @Test
    void keepsTheNewestRecordsOldestFirst() {
        SealHistory history = new SealHistory(3);
        for (long seq = 1; seq <= 5; seq++) {
            history.add(new SealRecord("logs", "duckdb", seq, 0, 0, 0, 0, 0, 0, 0, true, seq, 0, 0, null));
        }
        assertEquals(List.of(3L, 4L, 5L), history.snapshot().stream().map(SealRecord::sealSequence).toList());
    }

    @Test
    void refusesAnEmptyRing() {
        assertThrows(IllegalArgumentException.class, () -> new SealHistory(0));
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryBackoff backoff = RetryBackoff.DEFAULT;
        assertEquals(Duration.ofMillis(100).toNanos(), backoff.delayNanos(1));
        assertEquals(Duration.ofMillis(200).toNanos(), backoff.delayNanos(2));
        assertEquals(Duration.ofMillis(3200).toNanos(), backoff.delayNanos(6));
        assertEquals(Duration.ofSeconds(5).toNanos(), backoff.delayNanos(7));
        assertEquals(Duration.ofSeconds(5).toNanos(), backoff.delayNanos(1000));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
