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

    /**
     * Transforms decoded rows and returns what goes on. When it returns, the processor owns
     * {@code batches} (it may return them as they are, or close them and return new ones); when
     * it throws, they stay the caller's to close.
     */
    default TableBatches process(TableBatches batches) throws RejectedException {
        return batches;
    }
}
