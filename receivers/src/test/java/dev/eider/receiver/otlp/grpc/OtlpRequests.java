package dev.eider.receiver.otlp.grpc;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;

/** OTLP export request bodies for the raw-client tests. */
final class OtlpRequests {
    private static final long NOW_NANOS = 1_763_000_000_000_000_000L;

    private OtlpRequests() {}

    static byte[] logs(int records) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int i = 0; i < records; i++) {
            scope.addLogRecords(LogRecord.newBuilder()
                    .setTimeUnixNano(NOW_NANOS + i)
                    .setSeverityText("INFO")
                    .setBody(AnyValue.newBuilder().setStringValue("record " + i)));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
                .build()
                .toByteArray();
    }

    /** A gauge with {@code gaugePoints} points and one Summary point, which has no table. */
    static byte[] gaugeAndSummary(int gaugePoints) {
        Gauge.Builder gauge = Gauge.newBuilder();
        for (int i = 0; i < gaugePoints; i++) {
            gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(NOW_NANOS + i).setAsDouble(i));
        }
        Metric summary = Metric.newBuilder()
                .setName("request.latency")
                .setSummary(Summary.newBuilder().addDataPoints(
                        SummaryDataPoint.newBuilder().setTimeUnixNano(NOW_NANOS).setCount(3).setSum(1.5)))
                .build();
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("queue.depth").setGauge(gauge))
                        .addMetrics(summary)))
                .build()
                .toByteArray();
    }

    /** Field 1 (resource_logs) announces 100 bytes but 3 follow: no protobuf decoder accepts it. */
    static byte[] truncated() {
        return new byte[] {0x0a, 0x64, 0x01, 0x02, 0x03};
    }
}
