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

/**
 * Decodes the OTLP files of test-data/otlp and checks the rows they become against the values
 * test-data/generate-otlp.py wrote into them.
 */
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
                    "time_unix_nano", 1714979289000000L,
                    "observed_time_unix_nano", 1714979289002000L,
                    "trace_id", "7a3c9e1f00b24d5e8f6a1b2c3d4e5f60",
                    "span_id", "0f1e2d3c4b5a6978",
                    "service_name", "bakery-shop",
                    "service_namespace", null,
                    "service_instance_id", null,
                    "severity_number", 13,
                    "severity_text", "Warning",
                    "event_name", null,
                    "body", "oven 3 is running hot",
                    "resource_attributes", "{\"service.name\":\"bakery-shop\"}",
                    "scope_name", "bakery.orders",
                    "scope_version", "2.4.0",
                    "scope_attributes", "{\"scope.owner\":\"team-dough\"}",
                    "log_attributes", "{\"oven.id\":\"oven-3\",\"oven.door_open\":false,"
                            + "\"oven.temperature\":231,\"oven.load\":0.875,"
                            + "\"oven.trays\":[\"rye\",\"spelt\"],"
                            + "\"oven.vendor\":{\"name\":\"Heatwell\"}}",
                    "dropped_attributes_count", 0,
                    "flags", 0);
        }
    }

    @Test
    void protobufLogRecord() throws Exception {
        try (TableBatches batches = decode(Signal.LOGS, "otlp_logs.pb")) {
            assertRow(batch(batches, Table.LOGS), 0,
                    "time_unix_nano", 1714979289040000L,
                    "observed_time_unix_nano", null,
                    "trace_id", null,
                    "span_id", null,
                    "service_name", "till",
                    "severity_number", 17,
                    "severity_text", "ERROR",
                    "body", "receipt printer jammed",
                    "resource_attributes", "{\"service.name\":\"till\",\"host.name\":\"till-02\"}",
                    "scope_name", "till.receipts",
                    "scope_version", "0.9.1",
                    "scope_attributes", "{}",
                    "log_attributes", "{\"printer\":\"front\"}");
        }
    }

    @Test
    void absentLogFieldsAreNull() throws Exception {
        try (TableBatches batches = decode(Signal.LOGS, "logs_nulls.jsonl")) {
            TableBatch logs = batch(batches, Table.LOGS);
            assertRow(logs, 0, "body", "bare record", "severity_text", "INFO", "trace_id", null,
                    "service_name", null, "resource_attributes", "{}", "scope_name", null, "log_attributes", "{}",
                    "time_unix_nano", null, "observed_time_unix_nano", null);
            assertRow(logs, 1, "body", "no severity, no trace", "severity_number", 0, "severity_text", null,
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
                    "body", "last unsigned nanosecond");
        }
    }

    @Test
    void spanColumns() throws Exception {
        try (TableBatches batches = decode(Signal.TRACES, "sample_otlp_traces.json")) {
            assertRow(batch(batches, Table.TRACES), 0,
                    "start_time_unix_nano", 1714979289100000L,
                    "duration_time_unix_nano", 250_000_000L,
                    "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736",
                    "span_id", "00f067aa0ba902b7",
                    "parent_span_id", null,
                    "trace_state", null,
                    "service_name", "bakery-api",
                    "service_namespace", "retail",
                    "service_instance_id", null,
                    "name", "POST /orders",
                    "kind", 2,
                    "status_code", 2,
                    "status_status_message", "payment declined",
                    "resource_attributes", "{\"service.name\":\"bakery-api\",\"service.namespace\":\"retail\"}",
                    "scope_name", "bakery.orders",
                    "scope_version", "2.4.0",
                    "scope_attributes", "{}",
                    "span_attributes", "{\"http.request.method\":\"POST\",\"http.route\":\"/orders\","
                            + "\"http.response.status_code\":402}",
                    "events_json", "[{\"time_unix_nano\":1714979289120000000,\"name\":\"card.checked\","
                            + "\"attributes\":{\"card.network\":\"visa\"},\"dropped_attributes_count\":0}]",
                    "links_json", "[{\"trace_id\":\"5c0e1d2f3a4b5c6d7e8f90a1b2c3d4e5\",\"span_id\":\"a1b2c3d4e5f60718\","
                            + "\"trace_state\":\"shop=1\",\"attributes\":{\"link.kind\":\"retry\"},"
                            + "\"dropped_attributes_count\":1,\"flags\":0}]",
                    "dropped_attributes_count", 3,
                    "dropped_events_count", 2,
                    "dropped_links_count", 5,
                    "flags", 257);
        }
    }

    @Test
    void protobufSpan() throws Exception {
        try (TableBatches batches = decode(Signal.TRACES, "otlp_traces.pb")) {
            assertRow(batch(batches, Table.TRACES), 0,
                    "trace_id", "0123456789abcdef0123456789abcdef",
                    "span_id", "89abcdef01234567",
                    "parent_span_id", null,
                    "name", "GET /receipt",
                    "kind", 2,
                    "start_time_unix_nano", 1714979290000000L,
                    "duration_time_unix_nano", 25_000_000L,
                    "status_code", 0,
                    "span_attributes", "{\"http.route\":\"/receipt\"}",
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
            assertRow(spans, 1, "name", "empty_lists", "trace_id", "00000000000000000000000000000002",
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

            String resource = "{\"service.name\":\"bakery-plant\",\"host.name\":\"plant-1\"}";
            assertRow(batch(batches, Table.METRICS_SUM), 0,
                    "time_unix_nano", 1714979289051000L,
                    "start_time_unix_nano", null,
                    "name", "loaves.baked",
                    "description", "Loaves out of the oven",
                    "unit", "{loaf}",
                    "int_value", -3L,
                    "double_value", null,
                    "service_name", "bakery-plant",
                    "service_namespace", null,
                    "service_instance_id", null,
                    "resource_attributes", resource,
                    "scope_name", "bakery.meter",
                    "scope_version", null,
                    "scope_attributes", "{}",
                    "metric_attributes", "{\"line\":\"b\"}",
                    "flags", 0,
                    "exemplars_json", "[]",
                    "aggregation_temporality", 1,
                    "is_monotonic", false);
            assertRow(batch(batches, Table.METRICS_GAUGE), 0,
                    "time_unix_nano", 1714979289050000L,
                    "name", "oven.temperature",
                    "description", "Oven air temperature",
                    "unit", "Cel",
                    "int_value", null,
                    "double_value", 228.5,
                    "metric_attributes", "{\"oven\":\"2\"}",
                    "resource_attributes", resource);
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0,
                    "time_unix_nano", 1714979289052000L,
                    "start_time_unix_nano", null,
                    "name", "proofing.time",
                    "description", "Time in the proofer",
                    "unit", "min",
                    "count", 20L,
                    "sum", 900.0,
                    "min", null,
                    "max", null,
                    "bucket_counts", List.of(2L, 8L, 7L, 3L),
                    "explicit_bounds", List.of(30.0, 45.0, 60.0),
                    "service_name", "bakery-plant",
                    "resource_attributes", resource,
                    "scope_name", "bakery.meter",
                    "metric_attributes", "{\"dough\":\"rye\"}",
                    "flags", 0,
                    "exemplars_json", "[]",
                    "aggregation_temporality", 0);
            assertRow(batch(batches, Table.METRICS_EXP_HISTOGRAM), 0,
                    "time_unix_nano", 1714979289053000L,
                    "name", "loaf.weight",
                    "unit", "g",
                    "count", 10L,
                    "sum", 7200.0,
                    "min", 640.0,
                    "max", 910.0,
                    "scale", 2,
                    "zero_count", 0L,
                    "zero_threshold", 0.0,
                    "positive_offset", 37,
                    "positive_bucket_counts", List.of(4L, 3L, 2L),
                    "negative_offset", -1,
                    "negative_bucket_counts", List.of(1L, 0L),
                    "metric_attributes", "{\"dough\":\"spelt\"}",
                    "flags", 0,
                    "exemplars_json", "[]",
                    "aggregation_temporality", 0);
        }
    }

    @Test
    void protobufMixedMetrics() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "metrics_mixed.pb")) {
            assertEquals(List.of("otlp_metrics_gauge", "otlp_metrics_sum", "otlp_metrics_histogram"), tables(batches));
            assertRow(batch(batches, Table.METRICS_GAUGE), 0, "double_value", 0.61, "metric_attributes", "{\"room\":1}",
                    "service_name", "bakery-plant", "scope_name", "bakery.meter", "scope_version", "1.2.0");
            assertRow(batch(batches, Table.METRICS_SUM), 0, "int_value", 987654321L, "aggregation_temporality", 2,
                    "is_monotonic", true, "unit", "J");
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0, "count", 40L, "sum", 1800.0, "min", 20.0,
                    "max", 75.0, "bucket_counts", List.of(5L, 25L, 10L),
                    "explicit_bounds", List.of(30.0, 60.0), "aggregation_temporality", 2);
        }
    }

    @Test
    void metricsDocumentAndSimpleNdjson() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "sample_otlp_metrics.json")) {
            TableBatch gauge = batch(batches, Table.METRICS_GAUGE);
            assertEquals(2, gauge.rowCount());
            assertRow(gauge, 1, "name", "silo.fill", "int_value", 7L, "double_value", null,
                    "start_time_unix_nano", 1714979289001000L);
            assertRow(batch(batches, Table.METRICS_SUM), 0, "int_value", 311L, "is_monotonic", true,
                    "aggregation_temporality", 2);
        }
        try (TableBatches batches = decode(Signal.METRICS, "metrics_simple.jsonl")) {
            assertEquals(3, batches.rowCount());
            assertRow(batch(batches, Table.METRICS_GAUGE), 0, "double_value", 1250.0, "unit", "L");
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0, "count", 12L,
                    "bucket_counts", List.of(3L, 6L, 3L), "aggregation_temporality", 2);
        }
    }

    @Test
    void optionalHistogramFieldsStayNull() throws Exception {
        try (TableBatches batches = decode(Signal.METRICS, "metrics_optional_fields.jsonl")) {
            assertEquals(2, batches.rowCount());
            assertEquals(1, batches.rejectedRows());
            assertRow(batch(batches, Table.METRICS_HISTOGRAM), 0, "count", 3L, "sum", null, "min", null, "max", null);
            assertRow(batch(batches, Table.METRICS_EXP_HISTOGRAM), 0, "count", 2L, "sum", null, "scale", -1,
                    "negative_offset", -2, "negative_bucket_counts", List.of(2L));
        }
        try (TableBatches batches = decode(Signal.METRICS, "metrics_nulls.jsonl")) {
            assertEquals(3, batches.rowCount());
            assertRow(batch(batches, Table.METRICS_GAUGE), 0, "double_value", 3.25, "metric_attributes", "{}",
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
            assertRow(batch(batches, Table.LOGS), 0, "body", "receipt printer jammed");
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
