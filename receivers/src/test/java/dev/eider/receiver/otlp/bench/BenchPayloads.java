package dev.eider.receiver.otlp.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Writes the benchmark inputs (the {@code bench/} folder of the test data) as OTLP/protobuf
 * export requests: about 1-1.7 MB each, shaped like an instrumented demo application's export
 * (logs and spans one per resource, as an SDK without batching across services sends them;
 * metrics thousands of points with six attributes and an exemplar). A fixed seed makes every
 * run write the same bytes. The build runs it before the tests ({@code receivers/pom.xml}); the
 * record counts of each file are in test-data/README.md.
 */
public final class BenchPayloads {
    static final long BASE_NANOS = 1_735_689_600_000_000_000L; // 2025-01-01T00:00:00Z
    static final String[] SERVICES = {"cart", "checkout", "frontend-proxy", "inventory", "payment", "search"};

    private final SplittableRandom random = new SplittableRandom(17);

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        BenchPayloads payloads = new BenchPayloads();
        write(out, "logs_large.pb", payloads.logs(3_500));
        write(out, "traces_large.pb", payloads.traces(2_600));
        write(out, "metrics_gauge.pb", payloads.metrics(payloads.gauge("process.memory.usage", 4_096)));
        write(out, "metrics_sum.pb", payloads.metrics(payloads.sum("messaging.operations", 4_096)));
        write(out, "metrics_histogram.pb", payloads.metrics(payloads.histogram("http.server.duration", 2_048)));
        write(out, "metrics_exponential_histogram.pb",
                payloads.metrics(payloads.exponentialHistogram("rpc.server.duration", 2_048)));
        write(out, "metrics_summary.pb", payloads.metrics(payloads.summary("gc.pause", 256)));
        write(out, "metrics_mixed.pb", payloads.metrics(payloads.gauge("process.memory.usage", 1_024),
                payloads.sum("messaging.operations", 1_024), payloads.histogram("http.server.duration", 1_024),
                payloads.exponentialHistogram("rpc.server.duration", 1_024)));
    }

    private static void write(Path out, String name, MessageLite request) throws IOException {
        Path temp = out.resolve(name + ".tmp");
        Files.write(temp, request.toByteArray());
        Files.move(temp, out.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    ExportLogsServiceRequest logs(int records) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (int i = 0; i < records; i++) {
            String service = SERVICES[random.nextInt(SERVICES.length)];
            int severity = random.nextInt(10) < 8 ? 9 : random.nextBoolean() ? 13 : 17;
            LogRecord.Builder log = LogRecord.newBuilder()
                    .setTimeUnixNano(BASE_NANOS + i * 2_000_000L + random.nextInt(1_000_000))
                    .setSeverityNumber(SeverityNumber.forNumber(severity))
                    .setSeverityText(severity == 9 ? "INFO" : severity == 13 ? "WARN" : "ERROR")
                    .setBody(string(sentence(4 + random.nextInt(9))))
                    .setFlags(1)
                    .setTraceId(bytes(16))
                    .setSpanId(bytes(8));
            if (random.nextInt(10) < 6) {
                log.addAttributes(kv("code.function", "handle" + service.replace("-", "")));
                log.addAttributes(kv("thread.id", random.nextInt(64)));
                if (random.nextInt(4) == 0) {
                    log.addAttributes(kv("user.id", "u" + random.nextInt(100_000)));
                }
            }
            request.addResourceLogs(ResourceLogs.newBuilder().setResource(resource(service))
                    .addScopeLogs(ScopeLogs.newBuilder().setScope(scope(service)).addLogRecords(log)));
        }
        return request.build();
    }

    ExportTraceServiceRequest traces(int spans) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int i = 0; i < spans; i++) {
            String service = SERVICES[random.nextInt(SERVICES.length)];
            long start = BASE_NANOS + i * 3_000_000L;
            Span.Builder span = Span.newBuilder()
                    .setTraceId(bytes(16))
                    .setSpanId(bytes(8))
                    .setName(service + "." + WORDS[random.nextInt(WORDS.length)])
                    .setKind(Span.SpanKind.forNumber(1 + random.nextInt(5)))
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(start + 1_000L + random.nextInt(500_000_000))
                    .addAttributes(kv("rpc.system", "grpc"))
                    .addAttributes(kv("rpc.service", "oteldemo." + capitalized(service) + "Service"))
                    .addAttributes(kv("rpc.method", capitalized(WORDS[random.nextInt(WORDS.length)])))
                    .addAttributes(kv("rpc.grpc.status_code", random.nextInt(10) == 0 ? 2 : 0));
            if (random.nextBoolean()) {
                span.setParentSpanId(bytes(8));
            }
            if (random.nextInt(10) < 3) {
                span.addEvents(Span.Event.newBuilder().setTimeUnixNano(start + 500).setName("message")
                        .addAttributes(kv("message.type", "SENT")).addAttributes(kv("message.id", 1)));
            }
            span.setStatus(Status.newBuilder().setCode(random.nextInt(10) == 0
                    ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET));
            request.addResourceSpans(ResourceSpans.newBuilder().setResource(resource(service))
                    .addScopeSpans(ScopeSpans.newBuilder().setScope(scope(service)).addSpans(span)));
        }
        return request.build();
    }

    ExportMetricsServiceRequest metrics(Metric... metrics) {
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("service.name", "metrics-fixture"))
                .addAttributes(kv("service.namespace", "bench"))
                .addAttributes(kv("service.instance.id", "fixture-1"))
                .addAttributes(kv("host.name", "bench-host"))
                .addAttributes(kv("telemetry.sdk.language", "java"))
                .addAttributes(kv("telemetry.sdk.version", "1.50.0"))
                .build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("bench.meter").setVersion("1.0.0"))
                        .addAllMetrics(List.of(metrics)))).build();
    }

    Metric gauge(String name, int points) {
        return metric(name, "By").setGauge(Gauge.newBuilder().addAllDataPoints(points(points, i ->
                NumberDataPoint.newBuilder().setTimeUnixNano(at(i)).setStartTimeUnixNano(BASE_NANOS)
                        .setAsDouble(random.nextInt(1 << 20) / 4.0).addAllAttributes(pointAttributes(i))
                        .addExemplars(exemplar(i)).build()))).build();
    }

    Metric sum(String name, int points) {
        return metric(name, "{operation}").setSum(Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addAllDataPoints(points(points, i -> NumberDataPoint.newBuilder().setTimeUnixNano(at(i))
                        .setStartTimeUnixNano(BASE_NANOS).setAsInt(random.nextInt(1_000_000))
                        .addAllAttributes(pointAttributes(i)).addExemplars(exemplar(i)).build()))).build();
    }

    Metric histogram(String name, int points) {
        List<Double> bounds = List.of(0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 150.0, 250.0, 500.0,
                750.0, 1000.0, 2500.0, 5000.0);
        return metric(name, "ms").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addAllDataPoints(points(points, i -> {
                    HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setTimeUnixNano(at(i))
                            .setStartTimeUnixNano(BASE_NANOS).addAllExplicitBounds(bounds)
                            .addAllAttributes(pointAttributes(i)).addExemplars(exemplar(i));
                    long count = 0;
                    for (int b = 0; b <= bounds.size(); b++) {
                        long n = random.nextInt(100);
                        point.addBucketCounts(n);
                        count += n;
                    }
                    return point.setCount(count).setSum(count * 12.5).setMin(0.1).setMax(4800.0).build();
                }))).build();
    }

    Metric exponentialHistogram(String name, int points) {
        return metric(name, "ms").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addAllDataPoints(points(points, i -> {
                    ExponentialHistogramDataPoint.Buckets.Builder positive =
                            ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-8 + random.nextInt(4));
                    long count = 0;
                    for (int b = 0; b < 24; b++) {
                        long n = random.nextInt(30);
                        positive.addBucketCounts(n);
                        count += n;
                    }
                    return ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(at(i))
                            .setStartTimeUnixNano(at(i) - 10_000_000_000L).setScale(4).setZeroCount(1)
                            .setCount(count + 1).setSum(count * 3.5).setPositive(positive)
                            .addAllAttributes(pointAttributes(i)).build();
                }))).build();
    }

    Metric summary(String name, int points) {
        return metric(name, "ms").setSummary(Summary.newBuilder().addAllDataPoints(points(points, i ->
                SummaryDataPoint.newBuilder().setTimeUnixNano(at(i)).setStartTimeUnixNano(BASE_NANOS)
                        .setCount(100).setSum(1000.0)
                        .addQuantileValues(quantile(0.5, 25.0)).addQuantileValues(quantile(0.95, 75.0))
                        .addQuantileValues(quantile(0.99, 150.0)).addAllAttributes(pointAttributes(i)).build())))
                .build();
    }

    private static SummaryDataPoint.ValueAtQuantile quantile(double q, double value) {
        return SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(q).setValue(value).build();
    }

    private static Metric.Builder metric(String name, String unit) {
        return Metric.newBuilder().setName(name).setUnit(unit).setDescription("benchmark input: " + name);
    }

    private static <T> List<T> points(int count, IntFunction<T> point) {
        return java.util.stream.IntStream.range(0, count).mapToObj(point).toList();
    }

    private static long at(int i) {
        return BASE_NANOS + 10_000_000_000L + i * 1_000_000L;
    }

    private List<KeyValue> pointAttributes(int i) {
        return List.of(kv("http.route", ROUTES[i % ROUTES.length]),
                kv("http.response.status_code", random.nextInt(20) == 0 ? 500 : 200),
                kv("cloud.region", i % 3 == 0 ? "eu-west-1" : "us-east-2"),
                kv("feature.enabled", i % 2 == 0),
                kv("shard", i % 16),
                kv("customer.tier", i % 5 == 0 ? "pro" : "free"));
    }

    private Exemplar exemplar(int i) {
        return Exemplar.newBuilder().setTimeUnixNano(at(i) + 500_000).setAsDouble(random.nextInt(1000) / 8.0)
                .setTraceId(bytes(16)).setSpanId(bytes(8)).addFilteredAttributes(kv("sample.reason", "slow"))
                .build();
    }

    private static Resource resource(String service) {
        return Resource.newBuilder()
                .addAttributes(kv("service.name", service))
                .addAttributes(kv("service.namespace", "shop-demo"))
                .addAttributes(kv("service.version", "2.0.1"))
                .addAttributes(kv("host.name", service + "-7c9f5d"))
                .addAttributes(kv("os.type", "linux"))
                .addAttributes(kv("telemetry.sdk.language", "go"))
                .addAttributes(kv("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(kv("telemetry.sdk.version", "1.38.0"))
                .build();
    }

    private static InstrumentationScope scope(String service) {
        return InstrumentationScope.newBuilder().setName(service).build();
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append(" id=").append(random.nextInt(1_000_000)).toString();
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1).replace("-", "");
    }

    private ByteString bytes(int length) {
        byte[] id = new byte[length];
        for (int i = 0; i < length; i++) {
            id[i] = (byte) random.nextInt(256);
        }
        return ByteString.copyFrom(id);
    }

    private static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(string(value)).build();
    }

    private static KeyValue kv(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static KeyValue kv(String key, boolean value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
    }

    private static final String[] ROUTES = {"/api/cart", "/api/checkout", "/api/products", "/api/recommendations",
        "/api/currency", "/api/shipping", "/api/ads", "/"};
    private static final String[] WORDS = {"request", "processed", "order", "cart", "updated", "payment", "charged",
        "product", "listed", "cache", "miss", "retry", "shipping", "quote", "computed", "user", "session",
        "expired", "currency", "converted", "snapshot", "written", "partition", "flushed", "checkout", "completed"};
}
