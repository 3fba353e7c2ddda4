package dev.eider.receiver.otlp.http;

import java.util.concurrent.TimeUnit;

/** Request counters of one listener, and the wait for in-flight requests on stop. */
final class ListenerCounters {
    private long active;
    private long total;
    private long rows;
    private String lastError;

    synchronized void requestStarted() {
        active++;
        total++;
    }

    synchronized void requestFinished() {
        active--;
        if (active == 0) {
            notifyAll();
        }
    }

    synchronized void rowsAccepted(long count) {
        rows += count;
    }

    synchronized void error(String message) {
        lastError = message;
    }

    synchronized long active() {
        return active;
    }

    synchronized long total() {
        return total;
    }

    synchronized long rows() {
        return rows;
    }

    synchronized String lastError() {
        return lastError;
    }

    /** Waits until no request is in flight; false when the timeout passed first. */
    synchronized boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (active > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
