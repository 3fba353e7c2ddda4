package dev.eider.runtime.admin;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancels one running query for the first of two reasons, its time limit or its client going
 * away. {@link Statement#cancel} interrupts DuckDB only while the statement executes, so the
 * runner also asks {@link #reason()} before it starts the statement.
 */
final class QueryCancellation {
    enum Reason { TIME_LIMIT, CLIENT_GONE }

    private final Statement statement;
    private final AtomicReference<Reason> reason = new AtomicReference<>();

    QueryCancellation(Statement statement) {
        this.statement = statement;
    }

    void cancel(Reason why) {
        if (!reason.compareAndSet(null, why)) {
            return;
        }
        try {
            statement.cancel();
        } catch (SQLException e) {
            // The statement finished or closed meanwhile: nothing left to cancel.
        }
    }

    /** Why the query was cancelled, or null while it was not. */
    Reason reason() {
        return reason.get();
    }
}
