package dev.eider.runtime.component;

import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.table.TableBatches;

/**
 * A step between receiver and buffer, run synchronously on the request's thread. Processors
 * see a request twice: its metadata before the body is read, then its decoded rows.
 */
public interface Processor extends Component {
    /** Acts on headers before the body is read; auth refuses here, so bad bodies are never decoded. */
    default void checkRequest(RequestMetadata metadata) throws RejectedException {}

    /** Transforms decoded rows; takes ownership of {@code batches} and returns what goes on. */
    default TableBatches process(TableBatches batches) throws RejectedException {
        return batches;
    }
}
