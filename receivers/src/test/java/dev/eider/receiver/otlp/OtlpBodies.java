package dev.eider.receiver.otlp;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Real OTLP request bodies for the receiver tests, and their compressed forms. */
final class OtlpBodies {
    private static final long TIME = 1_700_000_000_000_000_000L;

    private OtlpBodies() {}

    /** An OTLP/JSON logs export request with {@code records} log records. */
    static String logsJson(int records) {
        StringBuilder json = new StringBuilder("{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":"
                + "\"service.name\",\"value\":{\"stringValue\":\"receiver-test\"}}]},\"scopeLogs\":[{\"scope\":"
                + "{\"name\":\"test\"},\"logRecords\":[");
        for (int i = 0; i < records; i++) {
            json.append(i == 0 ? "" : ",").append("{\"timeUnixNano\":\"").append(TIME + i)
                    .append("\",\"severityNumber\":9,\"severityText\":\"INFO\",\"body\":{\"stringValue\":\"line ")
                    .append(i).append("\"}}");
        }
        return json.append("]}]}]}").toString();
    }

    static byte[] logsJsonBytes(int records) {
        return logsJson(records).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] logsProtobuf(int records) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int i = 0; i < records; i++) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(TIME + i).setSeverityNumberValue(9)
                    .setBody(AnyValue.newBuilder().setStringValue("line " + i)));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build().toByteArray();
    }

    /** One gauge point (stored) and one summary point (no table: reported as partial success). */
    static byte[] gaugeAndSummaryProtobuf() {
        Metric gauge = Metric.newBuilder().setName("temperature").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(TIME).setAsDouble(21.5))).build();
        Metric summary = Metric.newBuilder().setName("latency").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(TIME).setCount(3).setSum(1.5))).build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge).addMetrics(summary))).build().toByteArray();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Deflate, zlib-wrapped (RFC 1950) or raw (RFC 1951). */
    static byte[] deflate(byte[] plain, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (OutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] plain) {
        return com.github.luben.zstd.Zstd.compress(plain);
    }
}
