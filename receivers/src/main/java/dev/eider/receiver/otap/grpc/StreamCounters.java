package dev.eider.receiver.otap.grpc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the admin API reports about an OTAP listener: open streams, messages, rows, last error. */
final class StreamCounters {
    private final AtomicLong activeStreams = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    void streamOpened() {
        activeStreams.incrementAndGet();
    }

    void streamClosed() {
        activeStreams.decrementAndGet();
    }

    void message() {
        messages.incrementAndGet();
    }

    void rowsAccepted(long count) {
        rows.addAndGet(count);
    }

    void failed(String error) {
        lastError.set(error);
    }

    long activeStreams() {
        return activeStreams.get();
    }

    long messages() {
        return messages.get();
    }

    long rows() {
        return rows.get();
    }

    String lastError() {
        return lastError.get();
    }
}
