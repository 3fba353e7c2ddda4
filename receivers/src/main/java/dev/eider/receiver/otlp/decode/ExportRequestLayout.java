package dev.eider.receiver.otlp.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ResourceValues;
import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ScopeValues;
import dev.eider.runtime.json.JsonWriter;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.function.Function;

/**
 * How one signal's export request nests its items: request, resource entries, scope entries,
 * items (log records, spans, metrics). Walking it encodes each resource's and scope's shared
 * column values once and hands them along with every item under them, so nothing is allocated
 * per item.
 *
 * @param <Q> the export request
 * @param <R> the resource entry (ResourceLogs, ResourceSpans, ResourceMetrics)
 * @param <S> the scope entry (ScopeLogs, ScopeSpans, ScopeMetrics)
 * @param <T> the item a writer turns into rows
 */
record ExportRequestLayout<Q extends Message, R, S, T>(Q defaultRequest, Function<Q, List<R>> resourcesOf,
        Function<R, Resource> resourceOf, Function<R, List<S>> scopesOf, Function<S, InstrumentationScope> scopeOf,
        Function<S, List<T>> itemsOf) {
    /** Writes the rows of one item under the given resource and scope. */
    @FunctionalInterface
    interface ItemWriter<T> {
        void write(T item, ResourceValues resource, ScopeValues scope);
    }

    Message.Builder newRequest() {
        return defaultRequest.newBuilderForType();
    }

    Message parseProtobuf(byte[] body, int offset, int length) throws InvalidProtocolBufferException {
        return defaultRequest.getParserForType().parseFrom(body, offset, length);
    }

    // requests only come from this layout's own builder and parser, so they are Q
    @SuppressWarnings("unchecked")
    void walk(Message request, JsonWriter json, ItemWriter<T> writer) {
        List<R> resources = resourcesOf.apply((Q) request);
        for (int r = 0, resourceCount = resources.size(); r < resourceCount; r++) {
            R resourceEntry = resources.get(r);
            ResourceValues resource = new ResourceValues(resourceOf.apply(resourceEntry), json);
            List<S> scopes = scopesOf.apply(resourceEntry);
            for (int s = 0, scopeCount = scopes.size(); s < scopeCount; s++) {
                S scopeEntry = scopes.get(s);
                ScopeValues scope = new ScopeValues(scopeOf.apply(scopeEntry), json);
                List<T> items = itemsOf.apply(scopeEntry);
                for (int i = 0, n = items.size(); i < n; i++) {
                    writer.write(items.get(i), resource, scope);
                }
            }
        }
    }
}
