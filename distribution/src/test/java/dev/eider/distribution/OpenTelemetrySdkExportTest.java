package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java SDK's own OTLP/HTTP exporters (protobuf) send spans, logs and metrics of
 * every kind to a running collector; every row must land in DuckDB with the values that were
 * sent, checked column by column against what the exporters recorded sending.
 */
class OpenTelemetrySdkExportTest {
    private static final String TOKEN = "sdk-test-token-0123456789";
    private static final long T0 = 1_700_000_000_123_456_789L;

    @TempDir
    Path dir;

    private final Resource resource = Resource.create(Attributes.builder()
            .put("service.name", "checkout")
            .put("service.namespace", "shop")
            .put("service.instance.id", "pod-7")
            .put("host.name", "node-1")
            .build());

    private String config(Path db) {
        return """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                processors:
                  auth:
                    token: %s
                  batch:
                    seal_max_age: 200ms
                exporters:
                  duckdb:
                    path: %s
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [auth, batch], exporters: [duckdb]}
                    traces: {receivers: [otlp], processors: [auth, batch], exporters: [duckdb]}
                    metrics: {receivers: [otlp], processors: [auth, batch], exporters: [duckdb]}
                """.formatted(TOKEN, db);
    }

    @Test
    void spansLandColumnByColumn() throws Exception {
        Path db = dir.resolve("spans.duckdb");
        List<SpanData> sent = new CopyOnWriteArrayList<>();
        try (RunningCollector collector = RunningCollector.start(config(db))) {
            String url = "http://localhost:" + collector.port("otlp", "http") + "/v1/traces";
            SpanExporter otlp = OtlpHttpSpanExporter.builder().setEndpoint(url)
                    .addHeader("Authorization", "Bearer " + TOKEN).build();
            SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                    .addSpanProcessor(SimpleSpanProcessor.create(new RecordingSpanExporter(otlp, sent))).build();
            Tracer tracer = provider.tracerBuilder("shop.checkout").setInstrumentationVersion("2.1.0").build();

            Span parent = tracer.spanBuilder("GET /cart").setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(T0, TimeUnit.NANOSECONDS).startSpan();
            Span linked = tracer.spanBuilder("background").startSpan();
            linked.end();
            Span child = tracer.spanBuilder("SELECT carts").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(parent))
                    .setStartTimestamp(T0 + 1_000, TimeUnit.NANOSECONDS)
                    .setAttribute("db.rows", 42L)
                    .setAttribute("db.cached", true)
                    .setAttribute("db.ratio", 0.25)
                    .setAttribute(AttributeKey.stringArrayKey("db.tables"), List.of("carts", "items"))
                    .addLink(linked.getSpanContext(), Attributes.of(AttributeKey.stringKey("why"), "follows"))
                    .startSpan();
            child.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L), T0 + 2_000, TimeUnit.NANOSECONDS);
            child.setStatus(StatusCode.ERROR, "deadlock detected");
            child.end(T0 + 5_000_000, TimeUnit.NANOSECONDS);
            parent.setStatus(StatusCode.OK);
            parent.end(T0 + 9_000_000, TimeUnit.NANOSECONDS);
            assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "SDK export failed");
            provider.shutdown().join(10, TimeUnit.SECONDS);
            assertTrue(collector.stop().clean(), collector.stop().toString());
        }
        assertEquals(3, sent.size());
        assertEquals(3, DuckDbRows.count(db, "otlp_traces"));
        for (SpanData span : sent) {
            Map<String, Object> row = DuckDbRows.query(db, """
                    SELECT epoch_us(start_time_unix_nano) AS start_us, * ,
                      json_extract_string(resource_attributes, '$."host.name"') AS host,
                      json_extract(span_attributes, '$."db.rows"')::BIGINT AS db_rows,
                      json_extract(span_attributes, '$."db.cached"')::BOOLEAN AS db_cached,
                      json_extract(span_attributes, '$."db.ratio"')::DOUBLE AS db_ratio,
                      json_extract(span_attributes, '$."db.tables"')::VARCHAR AS db_tables,
                      json_extract_string(events_json, '$[0].name') AS event_name,
                      json_extract(events_json, '$[0].time_unix_nano')::BIGINT AS event_time,
                      json_extract(events_json, '$[0].attributes.attempt')::BIGINT AS event_attempt,
                      json_extract_string(links_json, '$[0].trace_id') AS link_trace,
                      json_extract_string(links_json, '$[0].span_id') AS link_span,
                      json_extract_string(links_json, '$[0].attributes.why') AS link_why
                    FROM otlp_traces WHERE span_id = '%s'""".formatted(span.getSpanId())).get(0);
            assertEquals(span.getStartEpochNanos() / 1000, row.get("start_us"));
            assertEquals(span.getEndEpochNanos() - span.getStartEpochNanos(), row.get("duration_time_unix_nano"));
            assertEquals(span.getTraceId(), row.get("trace_id"));
            assertEquals(span.getParentSpanContext().isValid() ? span.getParentSpanId() : null, row.get("parent_span_id"));
            assertEquals(span.getName(), row.get("name"));
            assertEquals(otlpKind(span.getKind()), row.get("kind"));
            assertEquals(span.getStatus().getStatusCode().ordinal() == 0 ? 0 : span.getStatus().getStatusCode() == StatusCode.OK ? 1 : 2,
                    row.get("status_code"));
            assertEquals("checkout", row.get("service_name"));
            assertEquals("shop", row.get("service_namespace"));
            assertEquals("pod-7", row.get("service_instance_id"));
            assertEquals("node-1", row.get("host"));
            assertEquals("shop.checkout", row.get("scope_name"));
            assertEquals("2.1.0", row.get("scope_version"));
            assertEquals(0, row.get("dropped_attributes_count"));
            assertEquals(0, row.get("dropped_events_count"));
            assertEquals(0, row.get("dropped_links_count"));
            if (span.getName().equals("SELECT carts")) {
                assertEquals("deadlock detected", row.get("status_status_message"));
                assertEquals(42L, row.get("db_rows"));
                assertEquals(true, row.get("db_cached"));
                assertEquals(0.25, row.get("db_ratio"));
                assertEquals("[\"carts\",\"items\"]", row.get("db_tables"));
                assertEquals("retry", row.get("event_name"));
                assertEquals(T0 + 2_000, row.get("event_time"));
                assertEquals(2L, row.get("event_attempt"));
                SpanData linkedSpan = sent.stream().filter(s -> s.getName().equals("background")).findFirst().orElseThrow();
                assertEquals(linkedSpan.getTraceId(), row.get("link_trace"));
                assertEquals(linkedSpan.getSpanId(), row.get("link_span"));
                assertEquals("follows", row.get("link_why"));
            } else {
                assertEquals("[]", row.get("events_json"));
                assertEquals("[]", row.get("links_json"));
            }
        }
    }

    @Test
    void logsLandColumnByColumn() throws Exception {
        Path db = dir.resolve("logs.duckdb");
        List<LogRecordData> sent = new CopyOnWriteArrayList<>();
        try (RunningCollector collector = RunningCollector.start(config(db))) {
            String url = "http://localhost:" + collector.port("otlp", "http") + "/v1/logs";
            LogRecordExporter otlp = OtlpHttpLogRecordExporter.builder().setEndpoint(url)
                    .addHeader("x-api-key", TOKEN).build();
            SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(new RecordingLogExporter(otlp, sent))).build();
            Logger logger = provider.loggerBuilder("shop.audit").setInstrumentationVersion("0.9").build();
            Span span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                    TraceFlags.getSampled(), TraceState.getDefault()));
            logger.logRecordBuilder()
                    .setTimestamp(T0, TimeUnit.NANOSECONDS)
                    .setObservedTimestamp(T0 + 10, TimeUnit.NANOSECONDS)
                    .setSeverity(Severity.WARN)
                    .setSeverityText("WARN")
                    .setBody("disk almost full")
                    .setEventName("disk.pressure")
                    .setAttribute("disk.free_bytes", 1024L)
                    .setContext(Context.root().with(span))
                    .emit();
            logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("no timestamp").emit();
            assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "SDK export failed");
            provider.shutdown().join(10, TimeUnit.SECONDS);
            assertTrue(collector.stop().clean());
        }
        assertEquals(2, sent.size());
        List<Map<String, Object>> rows = DuckDbRows.query(db, """
                SELECT epoch_us(time_unix_nano) AS t_us, epoch_us(observed_time_unix_nano) AS o_us, *,
                  json_extract(log_attributes, '$."disk.free_bytes"')::BIGINT AS free
                FROM otlp_logs ORDER BY severity_number DESC""");
        assertEquals(2, rows.size());
        LogRecordData warn = sent.stream().filter(l -> l.getSeverity() == Severity.WARN).findFirst().orElseThrow();
        Map<String, Object> w = rows.get(0);
        assertEquals(warn.getTimestampEpochNanos() / 1000, w.get("t_us"));
        assertEquals(warn.getObservedTimestampEpochNanos() / 1000, w.get("o_us"));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", warn.getSpanContext().getTraceId());
        assertEquals(warn.getSpanContext().getTraceId(), w.get("trace_id"));
        assertEquals(warn.getSpanContext().getSpanId(), w.get("span_id"));
        assertEquals(warn.getSeverity().getSeverityNumber(), w.get("severity_number"));
        assertEquals("WARN", w.get("severity_text"));
        assertEquals("disk.pressure", w.get("event_name"));
        assertEquals("disk almost full", w.get("body"));
        assertEquals(1024L, w.get("free"));
        assertEquals("checkout", w.get("service_name"));
        assertEquals("shop.audit", w.get("scope_name"));
        assertEquals("0.9", w.get("scope_version"));
        assertEquals(warn.getSpanContext().getTraceFlags().asByte() & 0xff, w.get("flags"));
        Map<String, Object> info = rows.get(1);
        assertEquals("no timestamp", info.get("body"));
        assertNull(info.get("t_us"), "an absent timestamp is NULL");
        assertNull(info.get("trace_id"), "an empty trace id is NULL");
    }

    @Test
    void metricsOfEveryKindLandInTheirTables() throws Exception {
        Path db = dir.resolve("metrics.duckdb");
        List<MetricData> sent = new CopyOnWriteArrayList<>();
        try (RunningCollector collector = RunningCollector.start(config(db))) {
            String url = "http://localhost:" + collector.port("otlp", "http") + "/v1/metrics";
            MetricExporter otlp = OtlpHttpMetricExporter.builder().setEndpoint(url)
                    .addHeader("Authorization", "bearer " + TOKEN).build();
            PeriodicMetricReader reader = PeriodicMetricReader.builder(new RecordingMetricExporter(otlp, sent))
                    .setInterval(Duration.ofHours(1)).build();
            SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader)
                    .registerView(InstrumentSelector.builder().setName("payload.size").build(),
                            View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
                    .build();
            Meter meter = provider.meterBuilder("shop.metrics").setInstrumentationVersion("1.0").build();
            Attributes route = Attributes.of(AttributeKey.stringKey("route"), "/cart");
            meter.gaugeBuilder("temperature").setUnit("Cel").setDescription("Room temperature").build().set(21.5, route);
            meter.counterBuilder("requests").setUnit("1").build().add(5, route);
            meter.upDownCounterBuilder("queue.depth").build().add(-3, route);
            var latency = meter.histogramBuilder("latency").setUnit("ms")
                    .setExplicitBucketBoundariesAdvice(List.of(1.0, 5.0, 10.0)).build();
            latency.record(0.5, route);
            latency.record(7.0, route);
            var size = meter.histogramBuilder("payload.size").build();
            size.record(3.0, route);
            size.record(300.0, route);
            // shutdown collects and exports once; a forceFlush before it would export the
            // cumulative points a second time
            assertTrue(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess(), "SDK export failed");
            assertTrue(collector.stop().clean());
        }
        assertEquals(2, DuckDbRows.count(db, "otlp_metrics_sum"), DuckDbRows.query(db, "SELECT name FROM otlp_metrics_sum").toString());
        assertEquals(1, DuckDbRows.count(db, "otlp_metrics_gauge"), DuckDbRows.query(db, "SELECT name FROM otlp_metrics_gauge").toString());
        assertEquals(1, DuckDbRows.count(db, "otlp_metrics_histogram"));
        assertEquals(1, DuckDbRows.count(db, "otlp_metrics_exp_histogram"));

        Map<String, Object> gauge = DuckDbRows.query(db, "SELECT *, json_extract_string(metric_attributes, '$.route') AS route FROM otlp_metrics_gauge").get(0);
        assertEquals("temperature", gauge.get("name"));
        assertEquals("Room temperature", gauge.get("description"));
        assertEquals("Cel", gauge.get("unit"));
        assertEquals(21.5, gauge.get("double_value"));
        assertNull(gauge.get("int_value"));
        assertEquals("/cart", gauge.get("route"));
        assertEquals("checkout", gauge.get("service_name"));
        assertEquals("shop.metrics", gauge.get("scope_name"));

        Map<String, Object> requests = DuckDbRows.query(db, "SELECT * FROM otlp_metrics_sum WHERE name = 'requests'").get(0);
        assertEquals(5L, requests.get("int_value"));
        assertEquals(true, requests.get("is_monotonic"));
        assertEquals(temporality(sent, "requests"), requests.get("aggregation_temporality"));
        Map<String, Object> queue = DuckDbRows.query(db, "SELECT * FROM otlp_metrics_sum WHERE name = 'queue.depth'").get(0);
        assertEquals(-3L, queue.get("int_value"));
        assertEquals(false, queue.get("is_monotonic"));

        HistogramPointData h = (HistogramPointData) point(sent, "latency");
        Map<String, Object> hist = DuckDbRows.query(db, "SELECT epoch_us(time_unix_nano) AS t_us, epoch_us(start_time_unix_nano) AS s_us, * FROM otlp_metrics_histogram").get(0);
        assertEquals(h.getEpochNanos() / 1000, hist.get("t_us"));
        assertEquals(h.getStartEpochNanos() / 1000, hist.get("s_us"));
        assertEquals(h.getCount(), hist.get("count"));
        assertEquals(h.getSum(), hist.get("sum"));
        assertEquals(h.getMin(), hist.get("min"));
        assertEquals(h.getMax(), hist.get("max"));
        assertEquals(h.getCounts(), hist.get("bucket_counts"));
        assertEquals(h.getBoundaries(), hist.get("explicit_bounds"));
        assertEquals("ms", hist.get("unit"));

        ExponentialHistogramPointData e = (ExponentialHistogramPointData) point(sent, "payload.size");
        Map<String, Object> exp = DuckDbRows.query(db, "SELECT * FROM otlp_metrics_exp_histogram").get(0);
        assertEquals(e.getCount(), exp.get("count"));
        assertEquals(e.getSum(), exp.get("sum"));
        assertEquals(e.getMin(), exp.get("min"));
        assertEquals(e.getMax(), exp.get("max"));
        assertEquals(e.getScale(), exp.get("scale"));
        assertEquals(e.getZeroCount(), exp.get("zero_count"));
        assertEquals(e.getPositiveBuckets().getOffset(), exp.get("positive_offset"));
        assertEquals(e.getPositiveBuckets().getBucketCounts(), exp.get("positive_bucket_counts"));
        assertEquals(e.getNegativeBuckets().getOffset(), exp.get("negative_offset"));
        assertEquals(temporality(sent, "payload.size"), exp.get("aggregation_temporality"));
    }

    private static int otlpKind(SpanKind kind) {
        return switch (kind) {
            case INTERNAL -> 1;
            case SERVER -> 2;
            case CLIENT -> 3;
            case PRODUCER -> 4;
            case CONSUMER -> 5;
        };
    }

    private static Object point(List<MetricData> sent, String name) {
        MetricData m = sent.stream().filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
        return m.getData().getPoints().iterator().next();
    }

    private static int temporality(List<MetricData> sent, String name) {
        MetricData m = sent.stream().filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
        AggregationTemporality t = switch (m.getType()) {
            case LONG_SUM -> m.getLongSumData().getAggregationTemporality();
            case DOUBLE_SUM -> m.getDoubleSumData().getAggregationTemporality();
            case HISTOGRAM -> m.getHistogramData().getAggregationTemporality();
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogramData().getAggregationTemporality();
            default -> throw new IllegalArgumentException(name);
        };
        return t == AggregationTemporality.DELTA ? 1 : 2;
    }

    /** Remembers {@code items} in {@code sent} once the real exporter reports them delivered. */
    private static <T> CompletableResultCode recordWhenDelivered(CompletableResultCode result, Collection<T> items,
                                                                 List<T> sent) {
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                sent.addAll(items);
            }
        });
        return result;
    }

    /** Sends through the real OTLP exporter and remembers what was sent successfully. */
    private record RecordingSpanExporter(SpanExporter delegate, List<SpanData> sent) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return recordWhenDelivered(delegate.export(spans), spans, sent);
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    private record RecordingLogExporter(LogRecordExporter delegate, List<LogRecordData> sent) implements LogRecordExporter {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            return recordWhenDelivered(delegate.export(logs), logs, sent);
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    private record RecordingMetricExporter(MetricExporter delegate, List<MetricData> sent) implements MetricExporter {
        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return recordWhenDelivered(delegate.export(metrics), new ArrayList<>(metrics), sent);
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return delegate.getAggregationTemporality(instrumentType);
        }
    }
}
