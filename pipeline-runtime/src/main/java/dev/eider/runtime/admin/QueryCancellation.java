package dev.eider.runtime.admin;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancels one running query for the first of two reasons, its time limit or its client going
 * away. {@link Statement#cancel} interrupts DuckDB only while a statement executes, so the
 * runner asks {@link #reason()} before it starts the statement, and a result reader asks it
 * between the batches it streams.
 */
final class QueryCancellation {
    enum Reason { TIME_LIMIT, CLIENT_GONE }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private volatile Statement running;

    /** The statement a cancellation interrupts from now on. */
    void watch(Statement statement) {
        running = statement;
        if (reason.get() != null) {
            cancelRunning();
        }
    }

    void cancel(Reason why) {
        if (reason.compareAndSet(null, why)) {
            cancelRunning();
        }
    }

    /** Why the query was cancelled, or null while it was not. */
    Reason reason() {
        return reason.get();
    }

    /** @throws SQLException when the query was cancelled, so a reader stops where it is */
    void throwIfCancelled() throws SQLException {
        if (reason.get() != null) {
            throw new SQLException("the query was cancelled (" + reason.get() + ")");
        }
    }

    private void cancelRunning() {
        Statement statement = running;
        if (statement == null) {
            return;
        }
        try {
            statement.cancel();
        } catch (SQLException e) {
            // The statement finished or closed meanwhile: nothing left to cancel.
        }
    }
}
