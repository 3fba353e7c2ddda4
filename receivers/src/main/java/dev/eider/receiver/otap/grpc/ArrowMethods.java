package dev.eider.receiver.otap.grpc;

import dev.eider.receiver.otap.proto.ArrowLogsServiceGrpc;
import dev.eider.receiver.otap.proto.ArrowMetricsServiceGrpc;
import dev.eider.receiver.otap.proto.ArrowTracesServiceGrpc;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otap.proto.BatchStatus;
import dev.eider.runtime.pipeline.Signal;
import io.grpc.MethodDescriptor;

/**
 * The three bidirectional OTAP methods as the server registers them: the generated descriptors
 * with the request read as raw bytes, so a message is admitted before it is parsed.
 */
final class ArrowMethods {
    private ArrowMethods() {}

    static MethodDescriptor<BatchArrowRecords, BatchStatus> generated(Signal signal) {
        return switch (signal) {
            case LOGS -> ArrowLogsServiceGrpc.getArrowLogsMethod();
            case TRACES -> ArrowTracesServiceGrpc.getArrowTracesMethod();
            case METRICS -> ArrowMetricsServiceGrpc.getArrowMetricsMethod();
        };
    }

    static MethodDescriptor<InboundBatch, BatchStatus> server(Signal signal) {
        MethodDescriptor<BatchArrowRecords, BatchStatus> method = generated(signal);
        return method.toBuilder(InboundBatch.MARSHALLER, method.getResponseMarshaller()).build();
    }
}
