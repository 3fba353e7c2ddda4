package dev.eider.receiver.otlp.http;

import dev.eider.runtime.json.JsonStrings;

import com.google.protobuf.MessageLite;
import dev.eider.receiver.otlp.decode.PayloadFormat;
import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Signal;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The 202 answer to an accepted export. OTLP/HTTP answers in the request's encoding: a protobuf
 * request gets the Export*ServiceResponse message, a JSON one the buffered summary with the
 * same partial-success object in its JSON form, so rejected data points are always reported.
 */
final class ExportAnswers {
    private ExportAnswers() {}

    static HttpAnswer accepted(Signal signal, PayloadFormat format, Accepted accepted) {
        if (format == PayloadFormat.PROTOBUF) {
            return new HttpAnswer(HttpResponseStatus.ACCEPTED, HttpAnswer.PROTOBUF,
                    protobuf(signal, accepted).toByteArray(), null);
        }
        StringBuilder json = new StringBuilder("{\"status\":\"buffered\",\"rows\":").append(accepted.rows())
                .append(",\"batches\":").append(accepted.batches());
        if (accepted.rejectedRows() > 0) {
            json.append(",\"partialSuccess\":{\"").append(rejectedField(signal)).append("\":\"")
                    .append(accepted.rejectedRows()).append("\",\"errorMessage\":")
                    .append(JsonStrings.quote(message(accepted))).append('}');
        }
        return HttpAnswer.json(HttpResponseStatus.ACCEPTED, json.append('}').toString());
    }

    private static MessageLite protobuf(Signal signal, Accepted accepted) {
        boolean partial = accepted.rejectedRows() > 0;
        return switch (signal) {
            case LOGS -> partial
                    ? ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                            .setRejectedLogRecords(accepted.rejectedRows()).setErrorMessage(message(accepted))).build()
                    : ExportLogsServiceResponse.getDefaultInstance();
            case TRACES -> partial
                    ? ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                            .setRejectedSpans(accepted.rejectedRows()).setErrorMessage(message(accepted))).build()
                    : ExportTraceServiceResponse.getDefaultInstance();
            case METRICS -> partial
                    ? ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess
                            .newBuilder().setRejectedDataPoints(accepted.rejectedRows())
                            .setErrorMessage(message(accepted))).build()
                    : ExportMetricsServiceResponse.getDefaultInstance();
        };
    }

    /** The OTLP/JSON name of the partial-success counter (an int64, so a JSON string). */
    private static String rejectedField(Signal signal) {
        return switch (signal) {
            case LOGS -> "rejectedLogRecords";
            case TRACES -> "rejectedSpans";
            case METRICS -> "rejectedDataPoints";
        };
    }

    private static String message(Accepted accepted) {
        return accepted.rejectionMessage() == null ? "" : accepted.rejectionMessage();
    }
}
