package dev.eider.runtime.admin;

import dev.eider.runtime.component.QueryTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one read-only query on its own connection to a {@link QueryTarget}: checked by
 * {@link ReadOnlyGuard}, inside a read-only transaction (DuckDB refuses any write in it), cut off
 * at the row limit and cancelled at the time limit. The seal writer keeps its own connection and
 * DuckDB's MVCC, so a query sees committed seals only and never holds the writer's lock.
 */
final class QueryRunner implements AutoCloseable {
    /** Leaves admin threads free for health checks, status and flush while queries run. */
    static final int CONCURRENT_QUERIES = 2;

    private final int maxRows;
    private final Duration timeout;
    private final Semaphore slots = new Semaphore(CONCURRENT_QUERIES);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eider-admin-query-timer");
        thread.setDaemon(true);
        return thread;
    });

    QueryRunner(int maxRows, Duration timeout) {
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    QueryOutput run(QueryTarget target, String sql, QueryFormat format) throws QueryException {
        if (!slots.tryAcquire()) {
            throw QueryException.busy(CONCURRENT_QUERIES + " queries are already running; try again when one is done");
        }
        try {
            return runChecked(target, sql, format);
        } finally {
            slots.release();
        }
    }

    private QueryOutput runChecked(QueryTarget target, String sql, QueryFormat format) throws QueryException {
        AtomicBoolean timedOut = new AtomicBoolean();
        // Closing the connection ends the read-only transaction and the session with it.
        try (Connection connection = target.openQueryConnection();
                Statement statement = connection.createStatement()) {
            // Rows stream out of DuckDB as they are read, so the row limit also bounds the work
            // and the memory of a query (a materialized result would be built in full first).
            statement.execute("SET SESSION jdbc_stream_results = true");
            statement.execute("BEGIN TRANSACTION READ ONLY");
            ScheduledFuture<?> deadline = timer.schedule(() -> cancel(statement, timedOut),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                ReadOnlyGuard.check(connection, sql, target.queryFileRoots());
                try (ResultSet rows = statement.executeQuery(sql)) {
                    return QueryResultWriter.write(format, rows, maxRows);
                }
            } finally {
                deadline.cancel(false);
            }
        } catch (SQLException | IOException e) {
            if (timedOut.get()) {
                throw QueryException.timedOut("the query ran longer than the time limit of " + describe(timeout)
                        + " and was cancelled (admin setting query_timeout)", e);
            }
            throw QueryException.failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static void cancel(Statement statement, AtomicBoolean timedOut) {
        timedOut.set(true);
        try {
            statement.cancel();
        } catch (SQLException e) {
            // The statement finished or closed meanwhile: nothing left to cancel.
        }
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
