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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one read-only query on its own connection to a {@link QueryTarget}: checked by
 * {@link ReadOnlyGuard}, inside a read-only transaction (DuckDB refuses any write in it), cut off
 * at the row limit, and cancelled at the time limit or when its client goes away. The seal
 * writer keeps its own connection and DuckDB's MVCC, so a query sees committed seals only and
 * never holds the writer's lock.
 */
final class QueryRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QueryRunner.class.getName());
    /** Leaves admin threads free for health checks, status and flush while queries run. */
    static final int CONCURRENT_QUERIES = 2;

    private final int maxRows;
    private final Duration timeout;
    private final Semaphore slots = new Semaphore(CONCURRENT_QUERIES);
    private final AtomicLong cancelledForGoneClients = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eider-admin-query-timer");
        thread.setDaemon(true);
        return thread;
    });

    QueryRunner(int maxRows, Duration timeout) {
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    /** {@code client} cancels the query when the client goes away before it is answered. */
    QueryOutput run(QueryTarget target, String sql, QueryFormat format, ClientGone client) throws QueryException {
        if (!slots.tryAcquire()) {
            throw QueryException.busy(CONCURRENT_QUERIES + " queries are already running; try again when one is done");
        }
        try {
            return runChecked(target, sql, format, client);
        } finally {
            slots.release();
        }
    }

    /** Queries cancelled because their client went away, since the runner was made. */
    long cancelledForGoneClients() {
        return cancelledForGoneClients.get();
    }

    private QueryOutput runChecked(QueryTarget target, String sql, QueryFormat format, ClientGone client)
            throws QueryException {
        long started = System.nanoTime();
        QueryCancellation cancellation = null;
        // Closing the connection ends the read-only transaction and the session with it, so an
        // interrupted query leaves nothing behind.
        try (Connection connection = target.openQueryConnection();
                Statement statement = connection.createStatement()) {
            QueryCancellation cancel = new QueryCancellation(statement);
            cancellation = cancel;
            // Rows stream out of DuckDB as they are read, so the row limit also bounds the work
            // and the memory of a query (a materialized result would be built in full first).
            statement.execute("SET SESSION jdbc_stream_results = true");
            statement.execute("BEGIN TRANSACTION READ ONLY");
            ScheduledFuture<?> deadline = timer.schedule(() -> cancel.cancel(QueryCancellation.Reason.TIME_LIMIT),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            // Raised on the connection's event loop, which must not wait for DuckDB: the timer cancels.
            client.onGone(() -> timer.execute(() -> cancel.cancel(QueryCancellation.Reason.CLIENT_GONE)));
            try {
                ReadOnlyGuard.check(connection, sql, target);
                if (cancel.reason() != null) {
                    throw new SQLException("cancelled before it started");
                }
                try (ResultSet rows = statement.executeQuery(sql)) {
                    return QueryResultWriter.write(format, rows, maxRows);
                }
            } finally {
                client.onGone(null);
                deadline.cancel(false);
            }
        } catch (SQLException | IOException e) {
            QueryCancellation.Reason reason = cancellation == null ? null : cancellation.reason();
            if (reason == QueryCancellation.Reason.CLIENT_GONE) {
                cancelledForGoneClients.incrementAndGet();
                LOG.log(System.Logger.Level.INFO, "admin query cancelled after {0} ms: its client went away",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                throw QueryException.cancelled("the client went away", e);
            }
            if (reason == QueryCancellation.Reason.TIME_LIMIT) {
                throw QueryException.timedOut("the query ran longer than the time limit of " + describe(timeout)
                        + " and was cancelled (admin setting query_timeout)", e);
            }
            throw QueryException.failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
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
