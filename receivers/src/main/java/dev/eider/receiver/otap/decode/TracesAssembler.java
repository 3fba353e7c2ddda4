package dev.eider.receiver.otap.decode;

import com.google.protobuf.ByteString;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rebuilds the OTLP traces request from SPANS and its attribute, event and link payloads. */
final class TracesAssembler {
    private TracesAssembler() {}

    static ExportTraceServiceRequest assemble(DecodedPayloads payloads) throws OtapDecodeException {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        PayloadRecord spans = payloads.root(ArrowPayloadType.SPANS);
        if (spans == null) {
            return request.build();
        }
        int rows = spans.rowCount();
        ResourceScopeGroups groups = payloads.resourceScopeGroups(spans);
        AttributeStore attributes = payloads.attributes(ArrowPayloadType.SPAN_ATTRS);
        Map<Long, List<Span.Event>> events = events(payloads);
        Map<Long, List<Span.Link>> links = links(payloads);
        long[] ids = IdColumn.delta(spans.column("id"), rows);
        Column start = spans.column("start_time_unix_nano");
        Column duration = spans.column("duration_time_unix_nano");
        Column traceId = spans.column("trace_id");
        Column spanId = spans.column("span_id");
        Column traceState = spans.column("trace_state");
        Column parentSpanId = spans.column("parent_span_id");
        Column name = spans.column("name");
        Column kind = spans.column("kind");
        Column droppedAttributes = spans.column("dropped_attributes_count");
        Column droppedEvents = spans.column("dropped_events_count");
        Column droppedLinks = spans.column("dropped_links_count");
        Column statusCode = spans.column("status.code");
        Column statusMessage = spans.column("status.status_message");
        Column flags = spans.column("flags");

        ResourceSpans.Builder resource = null;
        ScopeSpans.Builder scope = null;
        for (int row = 0; row < rows; row++) {
            if (groups.startsResource(row)) {
                resource = request.addResourceSpansBuilder()
                        .setResource(groups.resource(row))
                        .setSchemaUrl(groups.resourceSchemaUrl(row));
            }
            if (groups.startsScope(row)) {
                scope = resource.addScopeSpansBuilder()
                        .setScope(groups.scope(row))
                        .setSchemaUrl(groups.scopeSchemaUrl(row));
            }
            long startTime = PayloadRecord.longOrZero(start, row);
            Span.Builder span = scope.addSpansBuilder()
                    .setStartTimeUnixNano(startTime)
                    .setTraceId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(traceId, row)))
                    .setSpanId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(spanId, row)))
                    .setTraceState(PayloadRecord.stringOrEmpty(traceState, row))
                    .setParentSpanId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(parentSpanId, row)))
                    .setName(PayloadRecord.stringOrEmpty(name, row))
                    .setKindValue(PayloadRecord.intOrZero(kind, row))
                    .addAllAttributes(attributes.of(ids[row]))
                    .setDroppedAttributesCount(PayloadRecord.intOrZero(droppedAttributes, row))
                    .setDroppedEventsCount(PayloadRecord.intOrZero(droppedEvents, row))
                    .setDroppedLinksCount(PayloadRecord.intOrZero(droppedLinks, row))
                    .setFlags(PayloadRecord.intOrZero(flags, row));
            if (PayloadRecord.present(duration, row)) {
                span.setEndTimeUnixNano(startTime + duration.longValue(row));
            }
            if (PayloadRecord.present(statusCode, row) || PayloadRecord.present(statusMessage, row)) {
                span.setStatus(Status.newBuilder()
                        .setCodeValue(PayloadRecord.intOrZero(statusCode, row))
                        .setMessage(PayloadRecord.stringOrEmpty(statusMessage, row)));
            }
            if (ids[row] != IdColumn.NONE) {
                span.addAllEvents(events.getOrDefault(ids[row], List.of()));
                span.addAllLinks(links.getOrDefault(ids[row], List.of()));
            }
        }
        return request.build();
    }

    /** Events by span id; parent_id is quasi-delta on the event name. */
    private static Map<Long, List<Span.Event>> events(DecodedPayloads payloads) throws OtapDecodeException {
        PayloadRecord record = payloads.root(ArrowPayloadType.SPAN_EVENTS);
        if (record == null) {
            return Map.of();
        }
        int rows = record.rowCount();
        AttributeStore attributes = payloads.attributes(ArrowPayloadType.SPAN_EVENT_ATTRS);
        Column name = record.column("name");
        String[] names = new String[rows];
        for (int row = 0; row < rows; row++) {
            names[row] = PayloadRecord.stringOrEmpty(name, row);
        }
        long[] ids = IdColumn.delta(record.column("id"), rows);
        long[] parents = IdColumn.decode(record.required("parent_id"), rows, IdColumn.Encoding.QUASI_DELTA,
                (previous, row) -> names[row].equals(names[previous]));
        Column time = record.column("time_unix_nano");
        Column dropped = record.column("dropped_attributes_count");
        Map<Long, List<Span.Event>> bySpan = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            bySpan.computeIfAbsent(IdColumn.parent(record, parents, row), id -> new ArrayList<>()).add(Span.Event.newBuilder()
                    .setTimeUnixNano(PayloadRecord.longOrZero(time, row))
                    .setName(names[row])
                    .addAllAttributes(attributes.of(ids[row]))
                    .setDroppedAttributesCount(PayloadRecord.intOrZero(dropped, row))
                    .build());
        }
        return bySpan;
    }

    /** Links by span id; parent_id is quasi-delta on the linked trace id. */
    private static Map<Long, List<Span.Link>> links(DecodedPayloads payloads) throws OtapDecodeException {
        PayloadRecord record = payloads.root(ArrowPayloadType.SPAN_LINKS);
        if (record == null) {
            return Map.of();
        }
        int rows = record.rowCount();
        AttributeStore attributes = payloads.attributes(ArrowPayloadType.SPAN_LINK_ATTRS);
        Column traceId = record.column("trace_id");
        byte[][] traceIds = new byte[rows][];
        for (int row = 0; row < rows; row++) {
            traceIds[row] = PayloadRecord.bytesOrEmpty(traceId, row);
        }
        long[] ids = IdColumn.delta(record.column("id"), rows);
        long[] parents = IdColumn.decode(record.required("parent_id"), rows, IdColumn.Encoding.QUASI_DELTA,
                (previous, row) -> Arrays.equals(traceIds[row], traceIds[previous]));
        Column spanId = record.column("span_id");
        Column traceState = record.column("trace_state");
        Column dropped = record.column("dropped_attributes_count");
        Column flags = record.column("flags");
        Map<Long, List<Span.Link>> bySpan = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            bySpan.computeIfAbsent(IdColumn.parent(record, parents, row), id -> new ArrayList<>()).add(Span.Link.newBuilder()
                    .setTraceId(ByteString.copyFrom(traceIds[row]))
                    .setSpanId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(spanId, row)))
                    .setTraceState(PayloadRecord.stringOrEmpty(traceState, row))
                    .addAllAttributes(attributes.of(ids[row]))
                    .setDroppedAttributesCount(PayloadRecord.intOrZero(dropped, row))
                    .setFlags(PayloadRecord.intOrZero(flags, row))
                    .build());
        }
        return bySpan;
    }
}
