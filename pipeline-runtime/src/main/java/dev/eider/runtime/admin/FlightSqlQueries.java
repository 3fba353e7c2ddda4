package dev.eider.runtime.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;

/**
 * Flight SQL's statements on the {@link QueryRunner}: every statement a Flight client sends runs
 * under the rules of {@code POST /v1/query}, from the same runner (guard, read-only transaction,
 * row and time limits, the two-query cap).
 */
final class FlightSqlQueries {
    /** Rows per Flight message: large enough that per-message costs vanish, small enough to stay a few MiB. */
    static final int BATCH_ROWS = 8192;

    /** What a statement answers, and the types of its parameters. */
    record Description(Schema dataset, Schema parameters) {}

    private final QueryRunner runner;
    private final BufferAllocator allocator;
    private final ExecutorService executor;

    FlightSqlQueries(QueryRunner runner, BufferAllocator allocator, ExecutorService executor) {
        this.runner = runner;
        this.allocator = allocator;
        this.executor = executor;
    }

    /** Checks {@code sql} and binds it without running it. */
    Description describe(FlightSqlCatalogs.Catalog catalog, String sql) {
        requireLength(sql);
        try {
            return runner.describe(catalog.target(), sql, (rows, maxRows, cancellation) -> description(rows));
        } catch (QueryException e) {
            throw FlightSqlErrors.of(e);
        }
    }

    /**
     * Runs {@code statement} on the query threads and streams its rows to {@code listener};
     * returns at once, so the call's thread is free for gRPC's ready and cancel callbacks.
     */
    void stream(FlightSqlCatalogs.Catalog catalog, QueryStatement statement, ServerStreamListener listener) {
        requireLength(statement.sql());
        ClientGone client = new ClientGone();
        FlightResultStream.Backpressure backpressure = FlightResultStream.watch(listener, client);
        try {
            executor.execute(() -> streamNow(catalog, statement, listener, client, backpressure));
        } catch (RejectedExecutionException e) {
            fail(listener, CallStatus.UNAVAILABLE.withDescription("the Flight SQL endpoint is stopping").toRuntimeException());
        }
    }

    /** Runs a catalog query of the server's own and reads its rows on the calling thread. */
    <T> T read(FlightSqlCatalogs.Catalog catalog, QueryStatement statement, QueryRunner.ResultReader<T> reader) {
        try {
            return runner.run(catalog.target(), statement, new ClientGone(), reader);
        } catch (QueryException e) {
            throw FlightSqlErrors.of(e);
        }
    }

    private void streamNow(FlightSqlCatalogs.Catalog catalog, QueryStatement statement, ServerStreamListener listener,
            ClientGone client, FlightResultStream.Backpressure backpressure) {
        try (BufferAllocator query = allocator.newChildAllocator("flight-sql-query", 0, Long.MAX_VALUE)) {
            ArrowResultBatches.Outcome outcome = runner.run(catalog.target(), statement, client,
                    (rows, maxRows, cancellation) -> ArrowResultBatches.export(rows, query, BATCH_ROWS, maxRows,
                            cancellation, new FlightResultStream(listener, backpressure, cancellation)));
            if (outcome.truncated()) {
                // Flight has no "truncated" flag a client would show: ending in an error after the
                // rows that were sent keeps anyone from taking a cut result for the whole.
                fail(listener, CallStatus.RESOURCE_EXHAUSTED.withDescription("query_max_rows: the result has more than "
                        + outcome.rows() + " rows; the first " + outcome.rows() + " were sent (admin setting"
                        + " query_max_rows; narrow the query or add a LIMIT)").toRuntimeException());
            } else {
                listener.completed();
            }
        } catch (QueryException e) {
            fail(listener, FlightSqlErrors.of(e));
        } catch (RuntimeException e) {
            fail(listener, FlightSqlErrors.internal(e));
        }
    }

    /** An error to a call that may already be over (cancelled by its client): nothing to tell then. */
    private static void fail(ServerStreamListener listener, FlightRuntimeException error) {
        try {
            listener.error(error);
        } catch (RuntimeException alreadyClosed) {
            // The client is gone; the query is already cancelled.
        }
    }

    private Description description(ResultSet rows) throws SQLException, IOException {
        try (BufferAllocator schemaOnly = allocator.newChildAllocator("flight-sql-schema", 0, Long.MAX_VALUE);
                ArrowReader reader = (ArrowReader) rows.unwrap(DuckDBResultSet.class).arrowExportStream(schemaOnly, 1)) {
            Schema dataset = reader.getVectorSchemaRoot().getSchema();
            PreparedStatement statement = (PreparedStatement) rows.getStatement();
            return new Description(dataset, FlightSqlParameters.schema(statement.getParameterMetaData()));
        }
    }

    /** The schema as Flight SQL carries one in a message: an encapsulated IPC Schema message. */
    static byte[] serialize(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The limit of {@code POST /v1/query}'s body, for the same statements over Flight. */
    private static void requireLength(String sql) {
        if (sql.getBytes(StandardCharsets.UTF_8).length > AdminRouter.MAX_BODY) {
            throw FlightSqlErrors.invalid("too_large: the statement is longer than " + AdminRouter.MAX_BODY + " bytes");
        }
        if (sql.isBlank()) {
            throw FlightSqlErrors.invalid("bad_request: the statement is empty");
        }
    }
}
