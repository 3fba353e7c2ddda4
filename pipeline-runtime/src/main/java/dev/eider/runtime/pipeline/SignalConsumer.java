package dev.eider.runtime.pipeline;

import dev.eider.runtime.table.TableBatches;

/**
 * What a receiver hands one signal's requests to: every pipeline of that signal that lists the
 * receiver, behind one facade. A request goes through three steps, in order:
 * {@link #checkRequest} on headers (auth), {@link #admit} before the body is decoded (the
 * buffer reservation), then {@link #consume} with the decoded rows.
 */
public interface SignalConsumer {
    Signal signal();

    /** Runs request-level checks (authentication) before the body is read. */
    void checkRequest(RequestMetadata metadata) throws RejectedException;

    /** Reserves buffer space for a body of {@code encodedBytes}; refuses with OVERLOADED. */
    Admission admit(long encodedBytes) throws RejectedException;

    /**
     * Runs the processors and hands the rows to the buffers. Takes ownership of {@code batches}
     * and of the admission in every case, also when it throws.
     */
    Accepted consume(Admission admission, TableBatches batches) throws RejectedException;

    /** True while every pipeline behind this consumer is committing rows (the readiness rule). */
    boolean ready();
}
