package dev.eider.runtime.admin;

import dev.eider.runtime.component.QueryTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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
 * never holds the writer's lock. The one place these rules live: {@code POST /v1/query} and the
 * Flight SQL endpoint both run every statement through here.
 */
final class QueryRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QueryRunner.class.getName());
    /** Leaves admin threads free for health checks, status and flush while queries run. */
    static final int CONCURRENT_QUERIES = 2;

    /**
     * Reads the rows of a running query: at most {@code maxRows} of them, and a reader that
     * streams asks {@link QueryCancellation#throwIfCancelled()} between batches.
     */
    interface ResultReader<T> {
        T read(ResultSet rows, int maxRows, QueryCancellation cancellation) throws SQLException, IOException;
    }

    /** Sets the parameters of a statement DuckDB prepared; the guard's plan check binds them too. */
    interface ParameterBinder {
        void bind(PreparedStatement statement) throws SQLException;
    }

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
    <T> T run(QueryTarget target, QueryStatement statement, ClientGone client, ResultReader<T> reader)
            throws QueryException {
        acquireSlot();
        try {
            return runChecked(target, statement.sql(), statement.sql(), statement::bind, client, reader);
        } finally {
            slots.release();
        }
    }

    /**
     * What {@code sql} would answer, without running it: checked like any query, then run as
     * {@code SELECT * FROM (sql) LIMIT 0}, which DuckDB plans as an empty result (the columns
     * are bound, nothing is scanned), with every parameter NULL. {@code reader} sees the empty
     * result, whose statement holds the parameters' types. A statement that cannot be nested
     * this way (a trailing comment after its semicolon) is run itself instead.
     */
    <T> T describe(QueryTarget target, String sql, ResultReader<T> reader) throws QueryException {
        acquireSlot();
        try {
            String nested = "SELECT * FROM (\n" + withoutTrailingSemicolons(sql) + "\n) LIMIT 0";
            try {
                return runChecked(target, sql, nested, QueryRunner::bindNulls, new ClientGone(), reader);
            } catch (QueryException e) {
                if (!e.error().equals("query_failed") || e.getMessage() == null
                        || !e.getMessage().startsWith("Parser Error")) {
                    throw e;
                }
                return runChecked(target, sql, sql, QueryRunner::bindNulls, new ClientGone(), reader);
            }
        } finally {
            slots.release();
        }
    }

    /** Queries cancelled because their client went away, since the runner was made. */
    long cancelledForGoneClients() {
        return cancelledForGoneClients.get();
    }

    private void acquireSlot() throws QueryException {
        if (!slots.tryAcquire()) {
            throw QueryException.busy(CONCURRENT_QUERIES + " queries are already running; try again when one is done");
        }
    }

    private <T> T runChecked(QueryTarget target, String checkedSql, String executedSql, ParameterBinder parameters,
            ClientGone client, ResultReader<T> reader) throws QueryException {
        long started = System.nanoTime();
        QueryCancellation cancel = new QueryCancellation();
        // Closing the connection ends the read-only transaction and the session with it, so an
        // interrupted query leaves nothing behind.
        try (Connection connection = target.openQueryConnection();
                Statement session = connection.createStatement()) {
            cancel.watch(session);
            // Rows stream out of DuckDB as they are read, so the row limit also bounds the work
            // and the memory of a query (a materialized result would be built in full first).
            session.execute("SET SESSION jdbc_stream_results = true");
            session.execute("BEGIN TRANSACTION READ ONLY");
            ScheduledFuture<?> deadline = timer.schedule(() -> cancel.cancel(QueryCancellation.Reason.TIME_LIMIT),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            // Raised on a transport thread, which must not wait for DuckDB: the timer cancels.
            client.onGone(() -> timer.execute(() -> cancel.cancel(QueryCancellation.Reason.CLIENT_GONE)));
            try {
                ReadOnlyGuard.check(connection, checkedSql, parameters, target);
                try (PreparedStatement query = connection.prepareStatement(executedSql)) {
                    parameters.bind(query);
                    cancel.watch(query);
                    cancel.throwIfCancelled();
                    try (ResultSet rows = query.executeQuery()) {
                        return reader.read(rows, maxRows, cancel);
                    }
                }
            } finally {
                client.onGone(null);
                deadline.cancel(false);
            }
        } catch (SQLException | IOException e) {
            QueryCancellation.Reason reason = cancel.reason();
            if (reason == QueryCancellation.Reason.CLIENT_GONE) {
                cancelledForGoneClients.incrementAndGet();
                LOG.log(System.Logger.Level.INFO, "admin query cancelled after {0} ms: its client went away",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                throw QueryException.cancelled("the client went away", e);
            }
            if (reason == QueryCancellation.Reason.TIME_LIMIT) {
                throw QueryException.timedOut("the query ran longer than the time limit of " + spelled(timeout)
                        + " and was cancelled (admin setting query_timeout)", e);
            }
            throw QueryException.failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    static void bindNulls(PreparedStatement statement) throws SQLException {
        int count = statement.getParameterMetaData().getParameterCount();
        for (int i = 1; i <= count; i++) {
            statement.setNull(i, Types.NULL);
        }
    }

    private static String withoutTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
            end--;
        }
        return sql.substring(0, end);
    }

    private static String spelled(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
