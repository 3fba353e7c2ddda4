package dev.eider.runtime.admin;

import java.sql.SQLException;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * Sends a query's Arrow batches to a Flight client (DoGet) as fast as the client reads them: a
 * batch waits until gRPC's flow control takes more, so a slow client holds DuckDB's streaming
 * result, not a pile of batches in memory. The client cancelling the call signals
 * {@link ClientGone}, which cancels the query.
 */
final class FlightResultStream implements ArrowResultBatches.Sink {
    /** How long one wait for the client lasts before the query's own cancellation is checked again. */
    private static final long WAIT_SLICE_MS = 100;

    private final ServerStreamListener listener;
    private final Backpressure backpressure;
    private final QueryCancellation cancellation;

    /** Registers with {@code listener}: call this on the call's own thread, before the query runs elsewhere. */
    static Backpressure watch(ServerStreamListener listener, ClientGone client) {
        Backpressure backpressure = new Backpressure(client);
        backpressure.register(listener);
        return backpressure;
    }

    FlightResultStream(ServerStreamListener listener, Backpressure backpressure, QueryCancellation cancellation) {
        this.listener = listener;
        this.backpressure = backpressure;
        this.cancellation = cancellation;
    }

    @Override
    public void start(VectorSchemaRoot root, DictionaryProvider dictionaries) {
        listener.start(root, dictionaries);
    }

    @Override
    public void batch(VectorSchemaRoot root) throws SQLException {
        while (true) {
            BackpressureStrategy.WaitResult result = backpressure.waitForListener(WAIT_SLICE_MS);
            if (result == BackpressureStrategy.WaitResult.READY) {
                break;
            }
            if (result == BackpressureStrategy.WaitResult.CANCELLED) {
                cancellation.cancel(QueryCancellation.Reason.CLIENT_GONE);
            }
            // The time limit and a cancelled call both end the wait here.
            cancellation.throwIfCancelled();
        }
        listener.putNext();
    }

    /** The call ends after the runner returns: completed, or an error past the row limit. */
    @Override
    public void end() {}

    /** Flight's ready and cancel callbacks; a cancel is the client going away. */
    static final class Backpressure extends BackpressureStrategy.CallbackBackpressureStrategy {
        private final ClientGone client;

        private Backpressure(ClientGone client) {
            this.client = client;
        }

        @Override
        protected void cancelCallback() {
            client.signal();
        }
    }
}
