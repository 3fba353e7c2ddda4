package dev.eider.runtime.seal;

/**
 * One exporter's progress through one pipeline's buffer (rule 5): the requests below
 * {@link #committedUpTo} are committed there and never written there again. Mutable, guarded by
 * the owning {@link PipelineBuffer}'s lock.
 */
final class ExporterProgress {
    final ExporterWriter writer;
    /** Index of the first buffered request not yet committed on this exporter. */
    long committedUpTo;
    /**
     * With a write-ahead log, where the next seal must end when above {@link #committedUpTo}: the
     * end of a failed seal (retried with the same range) or of a seal the exporter reported at
     * replay as possibly stored in part.
     */
    long pinnedUpTo;
    boolean inFlight;
    long sealsTotal;
    long sealFailuresTotal;
    long committedRowsTotal;
    /** The last attempt's error, null once an attempt succeeded. */
    String lastError;
    private int consecutiveFailures;
    private long retryAtNanos;
    private boolean succeededOnce;
    private long lastSuccessNanos;

    ExporterProgress(ExporterWriter writer) {
        this.writer = writer;
    }

    boolean retryDue(long nowNanos) {
        return consecutiveFailures == 0 || nowNanos - retryAtNanos >= 0;
    }

    /** Nanoseconds until the backoff allows the next attempt (<= 0: now). */
    long nanosUntilRetry(long nowNanos) {
        return consecutiveFailures == 0 ? 0 : retryAtNanos - nowNanos;
    }

    /** An explicit flush or stop retries at once instead of waiting out the backoff. */
    void retryNow(long nowNanos) {
        retryAtNanos = nowNanos;
    }

    void succeeded(long upTo, long rows, long nowNanos) {
        committedUpTo = upTo;
        sealsTotal++;
        committedRowsTotal += rows;
        lastError = null;
        consecutiveFailures = 0;
        succeededOnce = true;
        lastSuccessNanos = nowNanos;
    }

    /** The end of the next seal: the pinned one, if any, else {@code requestedUpTo}. */
    long sealUpTo(long requestedUpTo) {
        return pinnedUpTo > committedUpTo ? pinnedUpTo : requestedUpTo;
    }

    void failed(String error, long nowNanos) {
        sealFailuresTotal++;
        lastError = error;
        consecutiveFailures++;
        retryAtNanos = nowNanos + writer.backoff().delayNanos(consecutiveFailures);
    }

    /**
     * The readiness rule: the last attempt failed, rows wait for this exporter, and its last good
     * seal is absent or older than {@code staleNanos}.
     */
    boolean stuck(long nowNanos, long bufferedUpTo, long staleNanos) {
        return consecutiveFailures > 0
                && committedUpTo < bufferedUpTo
                && (!succeededOnce || nowNanos - lastSuccessNanos > staleNanos);
    }

    boolean succeededOnce() {
        return succeededOnce;
    }

    long lastSuccessNanos() {
        return lastSuccessNanos;
    }
}
