package dev.eider.receiver.otap.decode;

import com.google.protobuf.ByteString;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/** Rebuilds the OTLP logs request from the LOGS, LOG_ATTRS and resource/scope attribute payloads. */
final class LogsAssembler {
    private LogsAssembler() {}

    static ExportLogsServiceRequest assemble(DecodedPayloads payloads) throws OtapDecodeException {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        PayloadRecord logs = payloads.root(ArrowPayloadType.LOGS);
        if (logs == null) {
            return request.build();
        }
        int rows = logs.rowCount();
        ResourceScopeGroups groups = payloads.resourceScopeGroups(logs);
        AttributeStore attributes = payloads.attributes(ArrowPayloadType.LOG_ATTRS);
        long[] ids = IdColumn.delta(logs.column("id"), rows);
        Column time = logs.column("time_unix_nano");
        Column observedTime = logs.column("observed_time_unix_nano");
        Column traceId = logs.column("trace_id");
        Column spanId = logs.column("span_id");
        Column severityNumber = logs.column("severity_number");
        Column severityText = logs.column("severity_text");
        Column eventName = logs.column("event_name");
        Column dropped = logs.column("dropped_attributes_count");
        Column flags = logs.column("flags");
        AnyValueColumns body = new AnyValueColumns(logs, "body.", false);

        ResourceLogs.Builder resource = null;
        ScopeLogs.Builder scope = null;
        for (int row = 0; row < rows; row++) {
            if (groups.startsResource(row)) {
                resource = request.addResourceLogsBuilder()
                        .setResource(groups.resource(row))
                        .setSchemaUrl(groups.resourceSchemaUrl(row));
            }
            if (groups.startsScope(row)) {
                scope = resource.addScopeLogsBuilder()
                        .setScope(groups.scope(row))
                        .setSchemaUrl(groups.scopeSchemaUrl(row));
            }
            scope.addLogRecords(LogRecord.newBuilder()
                    .setTimeUnixNano(PayloadRecord.longOrZero(time, row))
                    .setObservedTimeUnixNano(PayloadRecord.longOrZero(observedTime, row))
                    .setTraceId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(traceId, row)))
                    .setSpanId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(spanId, row)))
                    .setSeverityNumberValue(PayloadRecord.intOrZero(severityNumber, row))
                    .setSeverityText(PayloadRecord.stringOrEmpty(severityText, row))
                    .setEventName(PayloadRecord.stringOrEmpty(eventName, row))
                    .setBody(body.value(row))
                    .addAllAttributes(attributes.of(ids[row]))
                    .setDroppedAttributesCount(PayloadRecord.intOrZero(dropped, row))
                    .setFlags(PayloadRecord.intOrZero(flags, row)));
        }
        return request.build();
    }
}
