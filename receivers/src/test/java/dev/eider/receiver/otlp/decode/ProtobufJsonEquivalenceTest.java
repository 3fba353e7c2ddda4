package dev.eider.receiver.otlp.decode;

import static dev.eider.receiver.otlp.decode.DecodedRows.all;
import static dev.eider.receiver.otlp.decode.DecodedRows.assertRow;
import static dev.eider.receiver.otlp.decode.DecodedRows.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatches;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same request, encoded as OTLP/protobuf, OTLP/JSON and NDJSON, must decode to identical
 * rows in every column.
 */
class ProtobufJsonEquivalenceTest {
    private static final ByteString TRACE_ID = id("5b8efff798038103d269b633813fc60c");
    private static final ByteString SPAN_ID = id("eee19b7ec3c1b174");
    private static final ByteString PARENT_ID = id("00f067aa0ba902b7");
    /** A fixed64 timestamp past Long.MAX_VALUE (unsigned), to cover the full range. */
    private static final long FAR_FUTURE_NANOS = Long.parseUnsignedLong("18446744073709551000");

    private final RootAllocator allocator = new RootAllocator();
    private final OtlpDecoder decoder = new OtlpDecoder(allocator);

    @AfterEach
    void noLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    @Test
    void logs() throws Exception {
        Map<String, List<Map<String, Object>>> rows = assertSameRowsInEveryFormat(Signal.LOGS, logsRequest());
        assertEquals(3, rows.get("otlp_logs").size());
        Map<String, Object> first = rows.get("otlp_logs").get(0);
        assertEquals("{\"s\":\"x\\\"y\\n\",\"b\":false,\"i\":-9007199254740993,\"d\":1.5,\"nan\":\"NaN\","
                + "\"inf\":\"-Infinity\",\"bytes\":\"AQL/\",\"arr\":[1,\"two\",[true],{}],"
                + "\"kv\":{\"inner\":{\"deep\":null}},\"empty\":null}", first.get("log_attributes"));
        assertEquals("{\"k\":[1,2]}", first.get("body"));
        assertEquals("checkout", first.get("event_name"));
        assertEquals(18446744073709551L,
                rows.get("otlp_logs").get(1).get("observed_time_unix_nano"));
        assertEquals("svc", first.get("service_name"));
        assertEquals("ns", first.get("service_namespace"));
        assertEquals("inst-1", first.get("service_instance_id"));
        assertEquals("{\"scope.k\":3}", first.get("scope_attributes"));
    }

    @Test
    void traces() throws Exception {
        Map<String, List<Map<String, Object>>> rows = assertSameRowsInEveryFormat(Signal.TRACES, tracesRequest());
        Map<String, Object> span = rows.get("otlp_traces").get(0);
        assertEquals("00f067aa0ba902b7", span.get("parent_span_id"));
        assertEquals("[{\"time_unix_nano\":1700000000500000000,\"name\":\"retry\",\"attributes\":{\"attempt\":2},"
                + "\"dropped_attributes_count\":1}]", span.get("events_json"));
        assertEquals("[{\"trace_id\":\"5b8efff798038103d269b633813fc60c\",\"span_id\":\"00f067aa0ba902b7\","
                + "\"trace_state\":\"k=v\",\"attributes\":{\"link.kind\":\"follows\"},\"dropped_attributes_count\":0,"
                + "\"flags\":257}]", span.get("links_json"));
        assertEquals(2, span.get("status_code"));
        assertEquals(3, span.get("kind"));
        assertEquals(257, span.get("flags"));
        assertEquals(1_500_000L, span.get("duration_time_unix_nano"));
    }

    @Test
    void metrics() throws Exception {
        Map<String, List<Map<String, Object>>> rows = assertSameRowsInEveryFormat(Signal.METRICS, metricsRequest());
        assertEquals(List.of("otlp_metrics_gauge", "otlp_metrics_sum", "otlp_metrics_histogram",
                "otlp_metrics_exp_histogram"), List.copyOf(rows.keySet()));
        assertEquals("[{\"time_unix_nano\":1700000000000000001,\"as_double\":0.25,\"span_id\":\"eee19b7ec3c1b174\","
                + "\"trace_id\":\"5b8efff798038103d269b633813fc60c\",\"filtered_attributes\":{\"user\":\"u1\"}},"
                + "{\"time_unix_nano\":1700000000000000002,\"as_int\":7,\"span_id\":null,\"trace_id\":null,"
                + "\"filtered_attributes\":{}}]", rows.get("otlp_metrics_gauge").get(0).get("exemplars_json"));
        assertEquals(1, rows.get("otlp_metrics_gauge").get(0).get("flags"));
        assertEquals(List.of(0L, 4L, 1L), rows.get("otlp_metrics_histogram").get(0).get("bucket_counts"));
        assertEquals(-2, rows.get("otlp_metrics_exp_histogram").get(0).get("negative_offset"));
        assertEquals(0.001, rows.get("otlp_metrics_exp_histogram").get(0).get("zero_threshold"));
    }

    /** OTLP/JSON spelled the other allowed ways: snake_case, enum names, int64 as numbers, unknown fields. */
    @Test
    void alternativeJsonSpellingsDecodeTheSameRows() throws Exception {
        Span span = Span.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID).setName("alt")
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(1_700_000_000_000_000_000L)
                .setEndTimeUnixNano(1_700_000_000_002_000_000L)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .addAttributes(kv("n", AnyValue.newBuilder().setIntValue(5).build())).build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build();
        String json = "{\"resource_spans\":[{\"schema_url\":\"x\",\"future_field\":{\"a\":[1,{\"b\":null}]},"
                + "\"scope_spans\":[{\"spans\":[{\"trace_id\":\"5B8EFFF798038103D269B633813FC60C\","
                + "\"span_id\":\"EEE19B7EC3C1B174\",\"name\":\"alt\",\"kind\":\"SPAN_KIND_CLIENT\","
                + "\"start_time_unix_nano\":1700000000000000000,\"endTimeUnixNano\":\"1700000000002000000\","
                + "\"parent_span_id\":null,\"status\":{\"code\":\"STATUS_CODE_ERROR\"},"
                + "\"attributes\":[{\"key\":\"n\",\"value\":{\"int_value\":5}}]}]}]}]}";
        // schema_url is known but not stored; it must not disturb the rows
        Message withSchema = request.toBuilder().setResourceSpans(0,
                request.getResourceSpans(0).toBuilder().setSchemaUrl("x")).build();
        try (TableBatches fromPb = decode(Signal.TRACES, PayloadFormat.PROTOBUF, withSchema.toByteArray());
                TableBatches fromJson = decode(Signal.TRACES, PayloadFormat.JSON, utf8(json))) {
            assertEquals(all(fromPb), all(fromJson));
            assertRow(batch(fromJson, Table.TRACES), 0, "kind", 3, "status_code", 2,
                    "trace_id", "5b8efff798038103d269b633813fc60c", "span_attributes", "{\"n\":5}",
                    "duration_time_unix_nano", 2_000_000L);
        }
    }

    private Map<String, List<Map<String, Object>>> assertSameRowsInEveryFormat(Signal signal, Message request)
            throws Exception {
        String json = OtlpJsonEncoder.encode(request);
        byte[] ndjson = utf8(json + "\n\n" + json + "\r\n");
        try (TableBatches fromPb = decode(signal, PayloadFormat.PROTOBUF, request.toByteArray());
                TableBatches fromJson = decode(signal, PayloadFormat.JSON, utf8(json));
                TableBatches fromNdjson = decode(signal, PayloadFormat.NDJSON, ndjson)) {
            Map<String, List<Map<String, Object>>> rows = all(fromPb);
            assertTrue(fromPb.rowCount() > 0);
            assertEquals(rows, all(fromJson), "JSON rows differ from protobuf rows; JSON was " + json);
            assertEquals(fromPb.rejectedRows(), fromJson.rejectedRows());
            Map<String, List<Map<String, Object>>> twice = all(fromNdjson);
            for (var entry : rows.entrySet()) {
                List<Map<String, Object>> doubled = new java.util.ArrayList<>(entry.getValue());
                doubled.addAll(entry.getValue());
                assertEquals(doubled, twice.get(entry.getKey()), "NDJSON rows of " + entry.getKey());
            }
            assertEquals(2 * fromPb.rejectedRows(), fromNdjson.rejectedRows());
            return rows;
        }
    }

    private TableBatches decode(Signal signal, PayloadFormat format, byte[] body) throws Exception {
        return decoder.decode(signal, format, body, 0, body.length);
    }

    private static ExportLogsServiceRequest logsRequest() {
        AnyValue nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("inner", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("deep", AnyValue.getDefaultInstance()))).build()))).build();
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setIntValue(1))
                .addValues(AnyValue.newBuilder().setStringValue("two"))
                .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setBoolValue(true))))
                .addValues(AnyValue.newBuilder().setKvlistValue(KeyValueList.getDefaultInstance()))).build();
        LogRecord full = LogRecord.newBuilder()
                .setTimeUnixNano(1_700_000_000_123_456_789L)
                .setObservedTimeUnixNano(1_700_000_000_200_000_000L)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN).setSeverityText("WARN")
                .setEventName("checkout")
                .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("k", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                                .addValues(AnyValue.newBuilder().setIntValue(1))
                                .addValues(AnyValue.newBuilder().setIntValue(2))).build()))))
                .addAttributes(kv("s", str("x\"y\n")))
                .addAttributes(kv("b", AnyValue.newBuilder().setBoolValue(false).build()))
                .addAttributes(kv("i", AnyValue.newBuilder().setIntValue(-9007199254740993L).build()))
                .addAttributes(kv("d", AnyValue.newBuilder().setDoubleValue(1.5).build()))
                .addAttributes(kv("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
                .addAttributes(kv("inf", AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY).build()))
                .addAttributes(kv("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2, -1})).build()))
                .addAttributes(kv("arr", array))
                .addAttributes(kv("kv", nested))
                .addAttributes(kv("empty", AnyValue.getDefaultInstance()))
                .setDroppedAttributesCount(4).setFlags(1).setTraceId(TRACE_ID).setSpanId(SPAN_ID)
                .build();
        LogRecord farFuture = LogRecord.newBuilder().setObservedTimeUnixNano(FAR_FUTURE_NANOS)
                .setBody(str("plain text body")).build();
        LogRecord bare = LogRecord.getDefaultInstance();
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource())
                        .addScopeLogs(ScopeLogs.newBuilder().setScope(scope()).addLogRecords(full).addLogRecords(farFuture)))
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(bare)))
                .build();
    }

    private static ExportTraceServiceRequest tracesRequest() {
        Span span = Span.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID).setParentSpanId(PARENT_ID)
                .setTraceState("vendor=1").setName("GET /cart").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(1_700_000_000_001_500_000L)
                .addAttributes(kv("http.status_code", AnyValue.newBuilder().setIntValue(503).build()))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(1_700_000_000_500_000_000L).setName("retry")
                        .addAttributes(kv("attempt", AnyValue.newBuilder().setIntValue(2).build()))
                        .setDroppedAttributesCount(1))
                .addLinks(Span.Link.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID).setTraceState("k=v")
                        .addAttributes(kv("link.kind", str("follows"))).setFlags(257))
                .setDroppedAttributesCount(1).setDroppedEventsCount(2).setDroppedLinksCount(3).setFlags(257)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream down"))
                .build();
        Span root = Span.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID).setName("root").build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource())
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(scope()).addSpans(span).addSpans(root)))
                .build();
    }

    private static ExportMetricsServiceRequest metricsRequest() {
        NumberDataPoint gaugePoint = NumberDataPoint.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L)
                .setStartTimeUnixNano(1_699_999_990_000_000_000L).setAsDouble(0.5).setFlags(1)
                .addAttributes(kv("cpu", AnyValue.newBuilder().setIntValue(0).build()))
                .addExemplars(Exemplar.newBuilder().setTimeUnixNano(1_700_000_000_000_000_001L).setAsDouble(0.25)
                        .setSpanId(SPAN_ID).setTraceId(TRACE_ID).addFilteredAttributes(kv("user", str("u1"))))
                .addExemplars(Exemplar.newBuilder().setTimeUnixNano(1_700_000_000_000_000_002L).setAsInt(7))
                .build();
        NumberDataPoint noValue = NumberDataPoint.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L).build();
        Metric gauge = Metric.newBuilder().setName("cpu").setDescription("CPU").setUnit("1")
                .setGauge(Gauge.newBuilder().addDataPoints(gaugePoint).addDataPoints(noValue)).build();
        Metric sum = Metric.newBuilder().setName("requests").setUnit("{request}")
                .setSum(Sum.newBuilder().setIsMonotonic(true)
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L)
                                .setAsInt(Long.MIN_VALUE)))
                .build();
        Metric histogram = Metric.newBuilder().setName("latency").setUnit("ms")
                .setHistogram(Histogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L)
                                .setCount(5).setSum(12.5).setMin(0.5).setMax(9.0)
                                .addAllBucketCounts(List.of(0L, 4L, 1L)).addAllExplicitBounds(List.of(1.0, 10.0)))
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L)
                                .setCount(0)))
                .build();
        Metric expHistogram = Metric.newBuilder().setName("latency.exp").setUnit("ms")
                .setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(ExponentialHistogramDataPoint.newBuilder()
                                .setTimeUnixNano(1_700_000_000_000_000_000L).setCount(9).setSum(30.0).setScale(-2)
                                .setZeroCount(2).setZeroThreshold(0.001)
                                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(3)
                                        .addAllBucketCounts(List.of(1L, 2L, 3L)))
                                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-2)
                                        .addBucketCounts(1L))
                                .setMax(20.0)))
                .build();
        Metric summary = Metric.newBuilder().setName("legacy")
                .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder().setCount(1)))
                .build();
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource())
                        .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope())
                                .addMetrics(gauge).addMetrics(sum).addMetrics(histogram).addMetrics(expHistogram)
                                .addMetrics(summary)))
                .build();
    }

    private static Resource resource() {
        return Resource.newBuilder()
                .addAttributes(kv("service.name", str("svc")))
                .addAttributes(kv("service.namespace", str("ns")))
                .addAttributes(kv("service.instance.id", str("inst-1")))
                .addAttributes(kv("host.name", str("h1")))
                .build();
    }

    private static InstrumentationScope scope() {
        return InstrumentationScope.newBuilder().setName("lib").setVersion("2.0")
                .addAttributes(kv("scope.k", AnyValue.newBuilder().setIntValue(3).build())).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue str(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
