package dev.eider.receiver.otlp.decode;

import dev.eider.runtime.table.Table;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import org.apache.arrow.memory.BufferAllocator;

/** Writes log records into otlp_logs, one row each. */
final class LogsRowWriter extends SingleTableRowWriter<LogRecord> {
    private static final Table TABLE = Table.LOGS;
    private static final ResourceScopeColumns SHARED = new ResourceScopeColumns(TABLE);
    private static final ExportRequestLayout<ExportLogsServiceRequest, ResourceLogs, ScopeLogs, LogRecord> LAYOUT =
            new ExportRequestLayout<>(ExportLogsServiceRequest.getDefaultInstance(),
                    ExportLogsServiceRequest::getResourceLogsList, ResourceLogs::getResource,
                    ResourceLogs::getScopeLogsList, ScopeLogs::getScope, ScopeLogs::getLogRecordsList);
    private static final int TIME = TABLE.columnIndex("time_unix_nano");
    private static final int OBSERVED_TIME = TABLE.columnIndex("observed_time_unix_nano");
    private static final int TRACE_ID = TABLE.columnIndex("trace_id");
    private static final int SPAN_ID = TABLE.columnIndex("span_id");
    private static final int SEVERITY_NUMBER = TABLE.columnIndex("severity_number");
    private static final int SEVERITY_TEXT = TABLE.columnIndex("severity_text");
    private static final int EVENT_NAME = TABLE.columnIndex("event_name");
    private static final int BODY = TABLE.columnIndex("body");
    private static final int LOG_ATTRIBUTES = TABLE.columnIndex("log_attributes");
    private static final int DROPPED_ATTRIBUTES = TABLE.columnIndex("dropped_attributes_count");
    private static final int FLAGS = TABLE.columnIndex("flags");

    LogsRowWriter(BufferAllocator allocator) {
        super(TABLE, SHARED, LAYOUT, allocator);
    }

    @Override
    void writeRow(LogRecord log) {
        rows.setTimestampNanos(TIME, log.getTimeUnixNano());
        rows.setTimestampNanos(OBSERVED_TIME, log.getObservedTimeUnixNano());
        rows.setString(TRACE_ID, Rows.hexId(log.getTraceId()));
        rows.setString(SPAN_ID, Rows.hexId(log.getSpanId()));
        rows.setInt(SEVERITY_NUMBER, log.getSeverityNumberValue());
        rows.setString(SEVERITY_TEXT, Rows.text(log.getSeverityText()));
        rows.setString(EVENT_NAME, Rows.text(log.getEventName()));
        rows.setString(BODY, body(log.getBody()));
        rows.setString(LOG_ATTRIBUTES, AttributeJson.object(json, log.getAttributesList()));
        rows.setInt(DROPPED_ATTRIBUTES, log.getDroppedAttributesCount());
        rows.setInt(FLAGS, log.getFlags());
    }

    /** A string body as-is, any other body as its JSON text, no body as NULL. */
    private String body(AnyValue body) {
        return switch (body.getValueCase()) {
            case STRING_VALUE -> body.getStringValue();
            case VALUE_NOT_SET -> null;
            default -> {
                json.reset();
                AttributeJson.writeValue(json, body);
                yield json.text();
            }
        };
    }
}
