package dev.eider.receiver.otlp.grpc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What a listener reports about its calls: in progress, started, rows accepted, last refusal. */
final class CallCounters {
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    void callStarted() {
        active.incrementAndGet();
        total.incrementAndGet();
    }

    void callEnded() {
        active.decrementAndGet();
    }

    void rowsAccepted(long count) {
        rows.addAndGet(count);
    }

    void failed(String error) {
        lastError.set(error);
    }

    long active() {
        return active.get();
    }

    long total() {
        return total.get();
    }

    long rows() {
        return rows.get();
    }

    String lastError() {
        return lastError.get();
    }
}
