package dev.eider.receiver.otlp.grpc;

import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Signal;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The three unary OTLP {@code Export} methods. Requests travel as raw bytes so that the one
 * protobuf decoder ({@code OtlpDecoder}) reads them straight into table batches; responses are
 * the generated {@code Export*ServiceResponse} messages.
 */
public final class OtlpGrpcMethods {
    /** Hands a message over as the bytes on the wire (after gRPC decompression). */
    public static final MethodDescriptor.Marshaller<byte[]> RAW_BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("reading a gRPC request message", e);
            }
        }
    };

    public static final MethodDescriptor<byte[], ExportLogsServiceResponse> LOGS_EXPORT =
            export("opentelemetry.proto.collector.logs.v1.LogsService", ExportLogsServiceResponse.getDefaultInstance());
    public static final MethodDescriptor<byte[], ExportTraceServiceResponse> TRACES_EXPORT =
            export("opentelemetry.proto.collector.trace.v1.TraceService", ExportTraceServiceResponse.getDefaultInstance());
    public static final MethodDescriptor<byte[], ExportMetricsServiceResponse> METRICS_EXPORT =
            export("opentelemetry.proto.collector.metrics.v1.MetricsService", ExportMetricsServiceResponse.getDefaultInstance());

    private OtlpGrpcMethods() {}

    /** The Export method of a signal. */
    public static MethodDescriptor<byte[], ?> descriptor(Signal signal) {
        return method(signal).descriptor();
    }

    static ExportMethod<?> method(Signal signal) {
        return switch (signal) {
            case LOGS -> new ExportMethod<>(signal, LOGS_EXPORT, OtlpGrpcMethods::logsResponse);
            case TRACES -> new ExportMethod<>(signal, TRACES_EXPORT, OtlpGrpcMethods::tracesResponse);
            case METRICS -> new ExportMethod<>(signal, METRICS_EXPORT, OtlpGrpcMethods::metricsResponse);
        };
    }

    /**
     * One signal's Export method and how an accepted request is answered. The server registers
     * {@link #serverDescriptor()}: the same method, read into an {@link InboundMessage}.
     */
    record ExportMethod<R>(Signal signal, MethodDescriptor<byte[], R> descriptor, Function<Accepted, R> response) {
        MethodDescriptor<InboundMessage, R> serverDescriptor() {
            return descriptor.toBuilder(InboundMessage.MARSHALLER, descriptor.getResponseMarshaller()).build();
        }
    }

    private static <R extends com.google.protobuf.Message> MethodDescriptor<byte[], R> export(String service, R responsePrototype) {
        return MethodDescriptor.<byte[], R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(RAW_BYTES)
                .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
                .build();
    }

    private static ExportLogsServiceResponse logsResponse(Accepted accepted) {
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (accepted.rejectedRows() > 0) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(accepted.rejectedRows())
                    .setErrorMessage(rejectionMessage(accepted)));
        }
        return response.build();
    }

    private static ExportTraceServiceResponse tracesResponse(Accepted accepted) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (accepted.rejectedRows() > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(accepted.rejectedRows())
                    .setErrorMessage(rejectionMessage(accepted)));
        }
        return response.build();
    }

    private static ExportMetricsServiceResponse metricsResponse(Accepted accepted) {
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        if (accepted.rejectedRows() > 0) {
            response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(accepted.rejectedRows())
                    .setErrorMessage(rejectionMessage(accepted)));
        }
        return response.build();
    }

    private static String rejectionMessage(Accepted accepted) {
        return accepted.rejectionMessage() == null ? "" : accepted.rejectionMessage();
    }
}
