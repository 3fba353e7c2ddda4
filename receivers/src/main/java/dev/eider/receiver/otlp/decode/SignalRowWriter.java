package dev.eider.receiver.otlp.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.eider.runtime.table.TableBatches;

/**
 * Turns the export requests of one signal into rows. One writer per decoded body: several
 * requests (NDJSON lines) may be written before {@link #finish()}; {@link #close()} frees
 * whatever was not handed over.
 */
interface SignalRowWriter extends AutoCloseable {
    /** A fresh builder of this signal's export request, for the JSON reader to fill. */
    Message.Builder newRequest();

    /** Parses this signal's export request from protobuf bytes. */
    Message parseProtobuf(byte[] body, int offset, int length) throws InvalidProtocolBufferException;

    /** Appends the request's rows. */
    void write(Message request);

    /** Hands the rows over: one batch per table that got rows. */
    TableBatches finish();

    @Override
    void close();
}
