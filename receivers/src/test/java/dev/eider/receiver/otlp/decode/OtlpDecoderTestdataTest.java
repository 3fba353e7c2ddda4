package dev.eider.receiver.otlp.decode;

import static dev.eider.receiver.otlp.decode.DecodedRows.assertRow;
import static dev.eider.receiver.otlp.decode.DecodedRows.batch;
import static dev.eider.receiver.otlp.decode.DecodedRows.read;
import static dev.eider.receiver.otlp.decode.DecodedRows.tables;
import static dev.eider.receiver.otlp.decode.DecodedRows.testdata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decodes the shared OTLP test files and checks the rows they become. */
class OtlpDecoderTestdataTest {
    private final RootAllocator allocator = new RootAllocator();
    private final OtlpDecoder decoder = new OtlpDecoder(allocator);

    @AfterEach
    void noLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    private TableBatches decode(Signal signal, String file) throws Exception {
        byte[] body = read(testdata("otlp", file));
        PayloadFormat format = file.endsWith(".pb") ? PayloadFormat.PROTOBUF
                : file.endsWith(".jsonl") ? PayloadFormat.NDJSON : PayloadFormat.JSON;
        return decoder.decode(signal, format, body, 0, body.length);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "LOGS, logs_document.json, otlp_logs, 1",
        "LOGS, sample_otlp.json, otlp_logs, 1",
        "LOGS, logs_simple.jsonl, otlp_logs, 3",
        "LOGS, logs_nulls.jsonl, otlp_logs, 3",
        "LOGS, ts_boundary_logs.jsonl, otlp_logs, 1",
        "LOGS, ts_overflow_logs.jsonl, otlp_logs, 1",
        "LOGS, otlp_logs.pb, otlp_logs, 1",
        "TRACES, sample_otlp_traces.json, otlp_traces, 1",
        "TRACES, traces_simple.jsonl, otlp_traces, 3",
        "TRACES, traces_nulls.jsonl, otlp_traces, 3",
        "TRACES, single_trace.jsonl, otlp_traces, 1",
        "TRACES, multifile_valid_traces.jsonl, otlp_traces, 1",
        "TRACES, traces_deep_nesting.jsonl, otlp_traces, 1",
        "TRACES, traces_large_attrs.jsonl, otlp_traces, 1",
        "TRACES, otlp_traces.pb, otlp_traces, 1",
        "METRICS, otlp_metrics.pb, otlp_metrics_gauge, 1",
        "METRICS, metrics_gauge.pb, otlp_metrics_gauge, 3",
        "METRICS, metrics_sum.pb, otlp_metrics_sum, 4",
        "METRICS, metrics_histogram_ndjson.jsonl, otlp_metrics_histogram, 1",
        "METRICS, metrics_exp_histogram_ndjson.jsonl, otlp_metrics_exp_histogram, 1",
        "METRICS, metrics_temporality_strings.jsonl, otlp_metrics_sum, 1",
    })
    void decodesEveryRowOfSingleTableFiles(Signal signal, String file, String table, int rows) throws Exception {
        try (TableBatches batches = decode(signal, file)) {
            assertEquals(List.of(table), tables(batches));
            assertEquals(rows, batches.rowCount());
            assertEquals(0, batches.rejectedRows());
        }
    }

    @Test
    void logRecordColumns() throws Exception {
        try (TableBatches batches = decode(Signal.LOGS, "logs_document.json")) {
            assertRow(batch(batches, Table.LOGS), 0,
                    "time_unix_nano", 1544712660300000L,
                    "observed_time_unix_nano", 1544712660300000L,
                    "trace_id", "5b8efff798038103d269b633813fc60c",
                    "span_id", "eee19b7ec3c1b174",
                    "service_name", "my.service",
                    "service_namespace", null,
                    "service_instance_id", null,
                    "severity_number", 10,
                    "severity_text", "Information",
                    "event_name", null,
                    "body", "Example log record",
                    "resource_attributes", "{\"service.name\":\"my.service\"}",
                    "scope_name", "my.library",
                    "scope_version", "1.0.0",
                    "scope_attributes", "{\"my.scope.attribute\":\"some scope attribute\"}",
                    "log_attributes", "{\"string.attribute\":\"some string\",\"boolean.attribute\":true,"
                            + "\"int.attribute\":10,\"double.attribute\":637.704,"
                            + "\"array.attribute\":[\"many\",\"values\"],"
                            + "\"map.attribute\":{\"some.map.key\":\"some value\"}}",
                    "dropped_attributes_count", 0,
                    "flags", 0);
        }
    }

    @Test
    void protobufLogRecord() throws Exception {
        try (TableBatches batches = decode(Signal.LOGS, "otlp_logs.pb")) {
            assertRow(batch(batches, Table.LOGS), 0,
                    "time_unix_nano", 1609459200000000L,
                    "observed_time_unix_nano", null,
                    "trace_id", null,
                    "span_id", null,
                    "service_name", "logs-service",
                    "severity_number", 9,
                    "severity_text", "INFO",
                    "body", "Test log message",
                    "resource_attributes", "{\"service.name\":\"logs-service\",\"host.name\":\"test-host\"}",
                    "scope_name", "test-logger",
                    "scope_version", "1.0.0",
                    "scope_attributes", "{}",
                    "log_attributes", "{\"module\":\"test-module\"}");
        }
    }

    @Test
    void absentLogFieldsAreNull() throws Exception {
        try (TableBatches batches = decode(Signal.LOGS, "logs_nulls.jsonl")) {
            TableBatch logs = batch(batches, Table.LOGS);
            assertRow(logs, 0, "body", "minimal log", "severity_text", "INFO", "trace_id", null,
                    "service_name", null, "resource_attributes", "{}", "scope_name", null, "log_attributes", "{}",
                    "observed_time_unix_nano", null);
            assertRow(logs, 1, "body", "no trace context", "severity_number", 0, "severity_text", null,
                    "trace_id", null, "span_id", null);
            assertRow(logs, 2, "body", null, "severity_number", 9);
        }
    }

    @Test
    void timestampsUpToTheUnsigned64BitRange() throws Exception {
        try (TableBatches batches = decode(Signal.LOGS, "ts_boundary_logs.jsonl")) {
            assertRow(batch(batches, Table.LOGS), 0, "time_unix_nano", 9223372036854775L);
        }
        // fixed64 nanoseconds past Long.MAX_VALUE (year 2554) still land as the right instant
        try (TableBatches batches = decode(Signal.LOGS, "ts_overflow_logs.jsonl")) {
            assertRow(batch(batches, Table.LOGS), 0, "time_unix_nano", 18446744073709551L,
                    "body", "timestamp past i64::MAX");
        }
    }

    @Test
    void spanColumns() throws Exception {
        try (TableBatches batches = decode(Signal.TRACES, "sample_otlp_traces.json")) {
            assertRow(batch(batches, Table.TRACES), 0,
                    "start_time_unix_nano", 1703265600000000L,
                    "duration_time_unix_nano", 100_000_000L,
                    "trace_id", "0af7651916cd43dd8448eb211c80319c",
                    "span_id", "b7ad6b7169203331",
                    "parent_span_id", null,
                    "trace_state", null,
                    "service_name", "my-service",
                    "service_namespace", "production",
                    "service_instance_id", null,
                    "name", "HTTP GET /api/users",
                    "kind", 2,
                    "status_code", 1,
                    "status_status_message", "OK",
                    "resource_attributes", "{\"service.name\":\"my-service\",\"service.namespace\":\"production\"}",
                    "scope_name", "my-library",
                    "scope_version", "1.0.0",
                    "scope_attributes", "{}",
                    "span_attributes", "{\"http.method\":\"GET\",\"http.url\":\"/api/users\",\"http.status_code\":200}",
                    "events_json", "[{\"time_unix_nano\":1703265600050000000,\"name\":\"fetching users\","
                            + "\"attributes\":{\"db.statement\":\"SELECT * FROM users\"},\"dropped_attributes_count\":0}]",
                    "links_json", "[{\"trace_id\":\"aaaaaaaa16cd43dd8448eb211c80319c\",\"span_id\":\"1111111111111111\","
                            + "\"trace_state\":\"\",\"attributes\":{},\"dropped_attributes_count\":0,\"flags\":0}]",
                    "dropped_attributes_count", 7,
                    "dropped_events_count", 4,
                    "dropped_links_count", 1,
                    "flags", 1);
        }
    }

    @Test
    void protobufSpan() throws Exception {
        try (TableBatches batches = decode(Signal.TRACES, "otlp_traces.pb")) {
            assertRow(batch(batches, Table.TRACES), 0,
                    "trace_id", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
                    "span_id", "1122334455667788",
                    "parent_span_id", null,
                    "name", "test_span",
                    "kind", 2,
                    "start_time_unix_nano", 1609459200000000L,
                    "duration_time_unix_nano", 100_000_000L,
                    "status_code", 0,
                    "span_attributes", "{\"http_method\":\"GET\"}",
                    "events_json", "[]",
                    "links_json", "[]");
        }
    }

    @Test
    void spanWithoutTimesHasNullStartAndDuration() throws Exception {
        try (TableBatches batches = decode(Signal.TRACES, "traces_nulls.jsonl")) {
            TableBatch spans = batch(batches, Table.TRACES);
            for (int row = 0; row < 3; row++) {
                assertRow(spans, row, "start_time_unix_nano", null, "duration_time_unix_nano", null,
                        "parent_span_id", null, "kind", 0, "status_code", 0, "service_name", null);
            }
            assertRow(spans, 1, "name", "empty_metadata", "trace_id", "00000000000000000000000000000002",
                    "span_attributes", "{}", "events_json", "[]", "links_json", "[]");
        }
    }

    @Test
    void everyMetricKindFromNdjson() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "metrics_all_types.jsonl")) {
            assertEquals(List.of("otlp_metrics_gauge", "otlp_metrics_sum", "otlp_metrics_histogram",
                    "otlp_metrics_exp_histogram"), tables(batches));
            assertEquals(4, batches.rowCount());
            assertEquals(1, batches.rejectedRows(), "the summary point is rejected, not dropped");
            assertTrue(batches.rejectionMessage().contains("ummary"), batches.rejectionMessage());

            String resource = "{\"service.name\":\"test-service\",\"host.name\":\"test-host\"}";
            assertRow(batch(batches, Table.METRICS_SUM), 0,
                    "time_unix_nano", 1640000060000000L,
                    "start_time_unix_nano", null,
                    "name", "orders.delta",
                    "description", "Orders delta",
                    "unit", "1",
                    "int_value", -7L,
                    "double_value", null,
                    "service_name", "test-service",
                    "service_namespace", null,
                    "service_instance_id", null,
                    "resource_attributes", resource,
                    "scope_name", "test-meter",
                    "scope_version", null,
                    "scope_attributes", "{}",
                    "metric_attributes", "{\"region\":\"us-east\"}",
                    "flags", 0,
                    "exemplars_json", "[]",
                    "aggregation_temporality", 1,
                    "is_monotonic", false);
            assertRow(batch(batches, Table.METRICS_GAUGE), 0,
                    "time_unix_nano", 1640000065000000L,
                    "name", "system.cpu.load",
                    "int_value", null,
                    "double_value", 0.75,
                    "metric_attributes", "{\"core\":\"0\"}",
                    "resource_attributes", resource);
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0,
                    "time_unix_nano", 1640000070000000L,
                    "start_time_unix_nano", null,
                    "name", "latency.hist",
                    "description", "Latency",
                    "unit", "ms",
                    "count", 50L,
                    "sum", 250.0,
                    "min", null,
                    "max", null,
                    "bucket_counts", List.of(5L, 10L, 15L, 12L, 8L),
                    "explicit_bounds", List.of(5.0, 10.0, 20.0, 50.0),
                    "service_name", "test-service",
                    "resource_attributes", "{\"service.name\":\"test-service\"}",
                    "scope_name", "test-meter",
                    "metric_attributes", "{\"endpoint\":\"/health\"}",
                    "flags", 0,
                    "exemplars_json", "[]",
                    "aggregation_temporality", 0);
            assertRow(batch(batches, Table.METRICS_EXP_HISTOGRAM), 0,
                    "time_unix_nano", 1640000075000000L,
                    "name", "latency.exp",
                    "unit", "ms",
                    "count", 12L,
                    "sum", 45.5,
                    "min", 1.0,
                    "max", 9.5,
                    "scale", 3,
                    "zero_count", 1L,
                    "zero_threshold", 0.0,
                    "positive_offset", 2,
                    "positive_bucket_counts", List.of(3L, 4L, 2L),
                    "negative_offset", -1,
                    "negative_bucket_counts", List.of(1L, 0L),
                    "metric_attributes", "{\"endpoint\":\"/search\"}",
                    "flags", 0,
                    "exemplars_json", "[]",
                    "aggregation_temporality", 0);
        }
    }

    @Test
    void protobufMixedMetrics() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "metrics_mixed.pb")) {
            assertEquals(List.of("otlp_metrics_gauge", "otlp_metrics_sum", "otlp_metrics_histogram"), tables(batches));
            assertRow(batch(batches, Table.METRICS_GAUGE), 0, "double_value", 0.42, "metric_attributes", "{\"cpu\":0}",
                    "service_name", "multi-service", "scope_name", "system-instrumentation", "scope_version", "1.0.0");
            assertRow(batch(batches, Table.METRICS_SUM), 0, "int_value", 123456789L, "aggregation_temporality", 2,
                    "is_monotonic", true, "unit", "bytes");
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0, "count", 100L, "sum", 5000.0, "min", 5.0,
                    "max", 1000.0, "bucket_counts", List.of(10L, 30L, 40L, 15L, 5L),
                    "explicit_bounds", List.of(10.0, 50.0, 100.0, 500.0), "aggregation_temporality", 2);
        }
    }

    @Test
    void metricsDocumentAndSimpleNdjson() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "sample_otlp_metrics.json")) {
            TableBatch gauge = batch(batches, Table.METRICS_GAUGE);
            assertEquals(2, gauge.rowCount());
            assertRow(gauge, 1, "name", "active.connections", "int_value", 42L, "double_value", null,
                    "start_time_unix_nano", 1703318390000000L);
            assertRow(batch(batches, Table.METRICS_SUM), 0, "int_value", 1234L, "is_monotonic", true,
                    "aggregation_temporality", 2);
        }
        try (TableBatches batches = decode(Signal.METRICS, "metrics_simple.jsonl")) {
            assertEquals(3, batches.rowCount());
            assertRow(batch(batches, Table.METRICS_GAUGE), 0, "double_value", 524288000.0, "unit", "By");
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0, "count", 100L,
                    "bucket_counts", List.of(10L, 30L, 40L, 15L, 5L), "aggregation_temporality", 2);
        }
    }

    @Test
    void optionalHistogramFieldsStayNull() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "metrics_optional_fields.jsonl")) {
            assertEquals(2, batches.rowCount());
            assertEquals(1, batches.rejectedRows());
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0, "count", 10L, "sum", null, "min", null, "max", null);
            assertRow(batch(batches, Table.METRICS_EXP_HISTOGRAM), 0, "count", 4L, "sum", null, "scale", 1,
                    "negative_bucket_counts", List.of(1L));
        }
        try (TableBatches batches = decode(Signal.METRICS, "metrics_nulls.jsonl")) {
            assertEquals(3, batches.rowCount());
            assertRow(batch(batches, Table.METRICS_GAUGE), 0, "double_value", 42.0, "metric_attributes", "{}",
                    "service_name", null, "description", null, "unit", null);
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0, "count", 0L, "sum", 0.0,
                    "bucket_counts", List.of(), "explicit_bounds", List.of());
        }
    }

    @Test
    void summaryOnlyRequestIsRejectedNotDropped() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "metrics_summary_only.jsonl")) {
            assertEquals(List.of(), batches.batches());
            assertEquals(2, batches.rejectedRows());
            assertTrue(batches.rejectionMessage().startsWith("2 summary"), batches.rejectionMessage());
        }
    }

    @Test
    void emptyAndBlankBodiesYieldNoBatches() throws Exception {
        for (String file : List.of("empty.jsonl", "whitespace.jsonl")) {
            try (TableBatches batches = decode(Signal.LOGS, file)) {
                assertEquals(List.of(), batches.batches(), file);
                assertEquals(0, batches.rejectedRows());
            }
        }
        try (TableBatches batches = decoder.decode(Signal.METRICS, PayloadFormat.PROTOBUF, new byte[0], 0, 0)) {
            assertEquals(List.of(), batches.batches());
        }
        byte[] empty = "{}".getBytes();
        try (TableBatches batches = decoder.decode(Signal.TRACES, PayloadFormat.JSON, empty, 0, empty.length)) {
            assertEquals(List.of(), batches.batches());
            assertNull(batches.rejectionMessage());
        }
    }

    @Test
    void malformedNdjsonNamesTheLine() {
        RejectedException e = assertThrows(RejectedException.class, () -> decode(Signal.TRACES, "malformed.jsonl"));
        assertEquals(RejectedException.Reason.BAD_DATA, e.reason());
        // line 1 is a JSON object with only unknown fields, which OTLP/JSON ignores
        assertTrue(e.getMessage().startsWith("NDJSON line 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("'this'") && e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void truncatedNdjsonNamesTheLineAndTheEnd() {
        RejectedException e = assertThrows(RejectedException.class,
                () -> decode(Signal.TRACES, "multifile_malformed_traces.jsonl"));
        assertEquals(RejectedException.Reason.BAD_DATA, e.reason());
        assertTrue(e.getMessage().startsWith("NDJSON line 1: invalid OTLP/JSON traces request: "), e.getMessage());
        assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
    }

    @Test
    void badIdIsRejectedWithTheFieldName() {
        byte[] line = ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"ABC\",\"spanId\":\"DEF\"}]}]}]}")
                .getBytes();
        RejectedException e = assertThrows(RejectedException.class,
                () -> decoder.decode(Signal.TRACES, PayloadFormat.JSON, line, 0, line.length));
        assertEquals(RejectedException.Reason.BAD_DATA, e.reason());
        assertTrue(e.getMessage().contains("bad traceId: expected 32 hex digits"), e.getMessage());
        assertTrue(e.getMessage().contains("(line 1, column "), e.getMessage());
    }

    @Test
    void failureAfterDecodedLinesFreesTheirRows() throws Exception {
        byte[] good = read(testdata("otlp", "traces_simple.jsonl"));
        byte[] body = (new String(good) + "\n{\"resourceSpans\": 5}\n").getBytes();
        RejectedException e = assertThrows(RejectedException.class,
                () -> decoder.decode(Signal.TRACES, PayloadFormat.NDJSON, body, 0, body.length));
        assertTrue(e.getMessage().startsWith("NDJSON line 5: "), e.getMessage());
        assertTrue(e.getMessage().contains("expected an array for resourceSpans"), e.getMessage());
        // the @AfterEach leak check proves the three decoded spans were freed
    }

    @Test
    void nestingBeyondProtobufsRecursionLimitIsBadDataInBothEncodings() throws Exception {
        for (PayloadFormat format : List.of(PayloadFormat.PROTOBUF, PayloadFormat.JSON)) {
            // 4 request levels + 2 messages (AnyValue, ArrayValue) per level: 60 levels > 100
            byte[] body = nestedBodyLog(60, format);
            RejectedException e = assertThrows(RejectedException.class,
                    () -> decoder.decode(Signal.LOGS, format, body, 0, body.length), format.name());
            assertEquals(RejectedException.Reason.BAD_DATA, e.reason());
        }
        int levels = 5000;
        String value = "{\"arrayValue\":{\"values\":[".repeat(levels) + "]}}".repeat(levels);
        byte[] json = ("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":" + value + "}]}]}]}").getBytes();
        RejectedException e = assertThrows(RejectedException.class,
                () -> decoder.decode(Signal.LOGS, PayloadFormat.JSON, json, 0, json.length));
        assertTrue(e.getMessage().contains("nested deeper than 100"), e.getMessage());
    }

    @Test
    void nestingWithinTheLimitIsKeptInBothEncodings() throws Exception {
        for (PayloadFormat format : List.of(PayloadFormat.PROTOBUF, PayloadFormat.JSON)) {
            byte[] body = nestedBodyLog(45, format);
            try (TableBatches batches = decoder.decode(Signal.LOGS, format, body, 0, body.length)) {
                assertRow(batch(batches, Table.LOGS), 0, "body", "[".repeat(45) + "\"leaf\"" + "]".repeat(45));
            }
        }
    }

    /** A log whose body is a string nested in {@code levels} arrays. */
    private static byte[] nestedBodyLog(int levels, PayloadFormat format) {
        AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < levels; i++) {
            value = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(value)).build();
        }
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(value))))
                .build();
        return format == PayloadFormat.PROTOBUF ? request.toByteArray()
                : OtlpJsonEncoder.encode(request).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void truncatedProtobufIsBadData() throws Exception {
        byte[] body = read(testdata("otlp", "otlp_traces.pb"));
        RejectedException e = assertThrows(RejectedException.class,
                () -> decoder.decode(Signal.TRACES, PayloadFormat.PROTOBUF, body, 0, body.length - 7));
        assertEquals(RejectedException.Reason.BAD_DATA, e.reason());
        assertTrue(e.getMessage().startsWith("invalid OTLP/protobuf traces request: "), e.getMessage());
    }

    @Test
    void decodesASliceOfALargerBuffer() throws Exception {
        byte[] pb = read(testdata("otlp", "otlp_logs.pb"));
        byte[] padded = new byte[pb.length + 10];
        System.arraycopy(pb, 0, padded, 4, pb.length);
        try (TableBatches batches = decoder.decode(Signal.LOGS, PayloadFormat.PROTOBUF, padded, 4, pb.length)) {
            assertRow(batch(batches, Table.LOGS), 0, "body", "Test log message");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"logs_large.pb", "traces_large.pb", "metrics_exponential_histogram.pb", "metrics_gauge.pb",
        "metrics_histogram.pb", "metrics_mixed.pb", "metrics_sum.pb", "metrics_summary.pb"})
    void benchmarkPayloadsBecomeOneRowPerRecord(String file) throws Exception {
        byte[] body = read(testdata("bench", file));
        Signal signal = file.startsWith("logs") ? Signal.LOGS : file.startsWith("traces") ? Signal.TRACES : Signal.METRICS;
        long records = switch (signal) {
            case LOGS -> ExportLogsServiceRequest.parseFrom(body).getResourceLogsList().stream()
                    .flatMap(r -> r.getScopeLogsList().stream()).mapToLong(ScopeLogs::getLogRecordsCount).sum();
            case TRACES -> ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().stream()
                    .flatMap(r -> r.getScopeSpansList().stream()).mapToLong(ScopeSpans::getSpansCount).sum();
            case METRICS -> ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList().stream()
                    .flatMap(r -> r.getScopeMetricsList().stream()).flatMap(s -> s.getMetricsList().stream())
                    .mapToLong(OtlpDecoderTestdataTest::dataPoints).sum();
        };
        try (TableBatches batches = decoder.decode(signal, PayloadFormat.PROTOBUF, body, 0, body.length)) {
            assertTrue(records > 0);
            assertEquals(records, batches.rowCount() + batches.rejectedRows());
            assertEquals(file.equals("metrics_summary.pb"), batches.rejectedRows() > 0);
        }
    }

    private static long dataPoints(Metric m) {
        return m.getGauge().getDataPointsCount() + m.getSum().getDataPointsCount()
                + m.getHistogram().getDataPointsCount() + m.getExponentialHistogram().getDataPointsCount()
                + m.getSummary().getDataPointsCount();
    }
}
