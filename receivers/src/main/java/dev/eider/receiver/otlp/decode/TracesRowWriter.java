package dev.eider.receiver.otlp.decode;

import dev.eider.runtime.table.Table;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Writes spans into otlp_traces, one row each, with events and links as JSON arrays. */
final class TracesRowWriter extends SingleTableRowWriter<Span> {
    private static final Table TABLE = Table.TRACES;
    private static final ResourceScopeColumns SHARED = new ResourceScopeColumns(TABLE);
    private static final ExportRequestLayout<ExportTraceServiceRequest, ResourceSpans, ScopeSpans, Span> LAYOUT =
            new ExportRequestLayout<>(ExportTraceServiceRequest.getDefaultInstance(),
                    ExportTraceServiceRequest::getResourceSpansList, ResourceSpans::getResource,
                    ResourceSpans::getScopeSpansList, ScopeSpans::getScope, ScopeSpans::getSpansList);
    private static final int START_TIME = TABLE.columnIndex("start_time_unix_nano");
    private static final int DURATION = TABLE.columnIndex("duration_time_unix_nano");
    private static final int TRACE_ID = TABLE.columnIndex("trace_id");
    private static final int SPAN_ID = TABLE.columnIndex("span_id");
    private static final int PARENT_SPAN_ID = TABLE.columnIndex("parent_span_id");
    private static final int TRACE_STATE = TABLE.columnIndex("trace_state");
    private static final int NAME = TABLE.columnIndex("name");
    private static final int KIND = TABLE.columnIndex("kind");
    private static final int STATUS_CODE = TABLE.columnIndex("status_code");
    private static final int STATUS_MESSAGE = TABLE.columnIndex("status_status_message");
    private static final int SPAN_ATTRIBUTES = TABLE.columnIndex("span_attributes");
    private static final int EVENTS = TABLE.columnIndex("events_json");
    private static final int LINKS = TABLE.columnIndex("links_json");
    private static final int DROPPED_ATTRIBUTES = TABLE.columnIndex("dropped_attributes_count");
    private static final int DROPPED_EVENTS = TABLE.columnIndex("dropped_events_count");
    private static final int DROPPED_LINKS = TABLE.columnIndex("dropped_links_count");
    private static final int FLAGS = TABLE.columnIndex("flags");

    TracesRowWriter(BufferAllocator allocator) {
        super(TABLE, SHARED, LAYOUT, allocator);
    }

    @Override
    void writeRow(Span span) {
        long start = span.getStartTimeUnixNano();
        long end = span.getEndTimeUnixNano();
        rows.setTimestampNanos(START_TIME, start);
        if (start != 0 && end != 0) {
            rows.setLong(DURATION, end - start);
        }
        rows.setString(TRACE_ID, Rows.hexId(span.getTraceId()));
        rows.setString(SPAN_ID, Rows.hexId(span.getSpanId()));
        rows.setString(PARENT_SPAN_ID, Rows.hexId(span.getParentSpanId()));
        rows.setString(TRACE_STATE, Rows.text(span.getTraceState()));
        rows.setString(NAME, Rows.text(span.getName()));
        rows.setInt(KIND, span.getKindValue());
        rows.setInt(STATUS_CODE, span.getStatus().getCodeValue());
        rows.setString(STATUS_MESSAGE, Rows.text(span.getStatus().getMessage()));
        rows.setString(SPAN_ATTRIBUTES, AttributeJson.object(json, span.getAttributesList()));
        rows.setString(EVENTS, events(span.getEventsList()));
        rows.setString(LINKS, links(span.getLinksList()));
        rows.setInt(DROPPED_ATTRIBUTES, span.getDroppedAttributesCount());
        rows.setInt(DROPPED_EVENTS, span.getDroppedEventsCount());
        rows.setInt(DROPPED_LINKS, span.getDroppedLinksCount());
        rows.setInt(FLAGS, span.getFlags());
    }

    private String events(List<Span.Event> events) {
        json.reset().beginArray();
        for (Span.Event event : events) {
            json.beginObject()
                    .name("time_unix_nano").unsignedValue(event.getTimeUnixNano())
                    .name("name").value(event.getName());
            Rows.attributesMember(json, "attributes", event.getAttributesList());
            json.name("dropped_attributes_count").value(event.getDroppedAttributesCount())
                    .endObject();
        }
        return json.endArray().text();
    }

    private String links(List<Span.Link> links) {
        json.reset().beginArray();
        for (Span.Link link : links) {
            json.beginObject()
                    .name("trace_id").value(Rows.hexId(link.getTraceId()))
                    .name("span_id").value(Rows.hexId(link.getSpanId()))
                    .name("trace_state").value(link.getTraceState());
            Rows.attributesMember(json, "attributes", link.getAttributesList());
            json.name("dropped_attributes_count").value(link.getDroppedAttributesCount())
                    .name("flags").value(Integer.toUnsignedLong(link.getFlags()))
                    .endObject();
        }
        return json.endArray().text();
    }
}
