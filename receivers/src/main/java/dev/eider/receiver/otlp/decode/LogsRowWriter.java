package dev.eider.receiver.otlp.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.eider.runtime.json.JsonWriter;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Writes log records into otlp_logs, one row each. */
final class LogsRowWriter implements SignalRowWriter {
    private static final Table TABLE = Table.LOGS;
    private static final ResourceScopeColumns SHARED = new ResourceScopeColumns(TABLE);
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

    private final TableBatchBuilder rows;
    private final JsonWriter json = new JsonWriter();

    LogsRowWriter(BufferAllocator allocator) {
        rows = new TableBatchBuilder(TABLE, allocator);
    }

    @Override
    public Message.Builder newRequest() {
        return ExportLogsServiceRequest.newBuilder();
    }

    @Override
    public Message parseProtobuf(byte[] body, int offset, int length) throws InvalidProtocolBufferException {
        return ExportLogsServiceRequest.parser().parseFrom(body, offset, length);
    }

    @Override
    public void write(Message request) {
        for (ResourceLogs resourceLogs : ((ExportLogsServiceRequest) request).getResourceLogsList()) {
            var resource = new ResourceScopeColumns.ResourceValues(resourceLogs.getResource(), json);
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                var scope = new ResourceScopeColumns.ScopeValues(scopeLogs.getScope(), json);
                List<LogRecord> records = scopeLogs.getLogRecordsList();
                for (int i = 0, n = records.size(); i < n; i++) {
                    rows.startRow();
                    SHARED.write(rows, resource, scope);
                    writeRecord(records.get(i));
                }
            }
        }
    }

    private void writeRecord(LogRecord log) {
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

    @Override
    public TableBatches finish() {
        return rows.rowCount() == 0 ? TableBatches.of(List.of()) : TableBatches.of(List.of(rows.build()));
    }

    @Override
    public void close() {
        rows.close();
    }
}
