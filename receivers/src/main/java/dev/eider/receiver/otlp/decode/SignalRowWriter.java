package dev.eider.receiver.otlp.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ResourceValues;
import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ScopeValues;
import dev.eider.runtime.json.JsonWriter;
import dev.eider.runtime.table.TableBatches;

/**
 * Turns the export requests of one signal into rows. One writer per decoded body: several
 * requests (NDJSON lines) may be written before {@link #finish()}; {@link #close()} frees
 * whatever was not handed over.
 *
 * @param <T> the item under each scope that the signal writes rows for
 */
abstract class SignalRowWriter<T> implements AutoCloseable {
    private final ExportRequestLayout<?, ?, ?, T> layout;
    final JsonWriter json = new JsonWriter();

    SignalRowWriter(ExportRequestLayout<?, ?, ?, T> layout) {
        this.layout = layout;
    }

    /** A fresh builder of this signal's export request, for the JSON reader to fill. */
    final Message.Builder newRequest() {
        return layout.newRequest();
    }

    /** Parses this signal's export request from protobuf bytes. */
    final Message parseProtobuf(byte[] body, int offset, int length) throws InvalidProtocolBufferException {
        return layout.parseProtobuf(body, offset, length);
    }

    /** Appends the request's rows. */
    final void write(Message request) {
        layout.walk(request, json, this::writeItem);
    }

    /** Appends the rows of one item under the given resource and scope. */
    abstract void writeItem(T item, ResourceValues resource, ScopeValues scope);

    /** Hands the rows over: one batch per table that got rows. */
    abstract TableBatches finish();

    @Override
    public abstract void close();
}
