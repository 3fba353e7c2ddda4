package dev.eider.benchmarks.load;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;

/** An OTLP signal: where its requests go and how its records are counted. */
public enum Signal {
    LOGS("/v1/logs", "opentelemetry.proto.collector.logs.v1.LogsService/Export"),
    TRACES("/v1/traces", "opentelemetry.proto.collector.trace.v1.TraceService/Export"),
    METRICS("/v1/metrics", "opentelemetry.proto.collector.metrics.v1.MetricsService/Export");

    private final String httpPath;
    private final String grpcMethod;

    Signal(String httpPath, String grpcMethod) {
        this.httpPath = httpPath;
        this.grpcMethod = grpcMethod;
    }

    public String httpPath() {
        return httpPath;
    }

    public String grpcMethod() {
        return grpcMethod;
    }

    /**
     * Records in one encoded export request: log records, spans, or metric data points (the unit
     * a collector stores as one row, and the unit OTLP partial success counts).
     */
    public long countRecords(byte[] request) throws InvalidProtocolBufferException {
        return switch (this) {
            case LOGS -> ExportLogsServiceRequest.parseFrom(request).getResourceLogsList().stream()
                    .flatMap(r -> r.getScopeLogsList().stream())
                    .mapToLong(s -> s.getLogRecordsCount())
                    .sum();
            case TRACES -> ExportTraceServiceRequest.parseFrom(request).getResourceSpansList().stream()
                    .flatMap(r -> r.getScopeSpansList().stream())
                    .mapToLong(s -> s.getSpansCount())
                    .sum();
            case METRICS -> ExportMetricsServiceRequest.parseFrom(request).getResourceMetricsList().stream()
                    .flatMap(r -> r.getScopeMetricsList().stream())
                    .flatMap(s -> s.getMetricsList().stream())
                    .mapToLong(Signal::dataPoints)
                    .sum();
        };
    }

    private static long dataPoints(Metric m) {
        return switch (m.getDataCase()) {
            case GAUGE -> m.getGauge().getDataPointsCount();
            case SUM -> m.getSum().getDataPointsCount();
            case HISTOGRAM -> m.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> m.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }
}
