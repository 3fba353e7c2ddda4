package dev.eider.receiver.otlp.grpc;

import dev.eider.receiver.grpc.GrpcHeaders;
import dev.eider.receiver.grpc.GrpcRejections;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.decode.PayloadFormat;
import dev.eider.receiver.otlp.grpc.OtlpGrpcMethods.ExportMethod;
import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.TableBatches;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;

/**
 * One signal's unary Export: headers are checked when the call starts (before the body is
 * read), then the body is admitted, decoded and consumed. gRPC runs these callbacks on the
 * server's application executor, never on the Netty event loop.
 */
final class ExportCallHandler<R> implements ServerCallHandler<InboundMessage, R> {
    private static final System.Logger LOG = System.getLogger(ExportCallHandler.class.getName());

    private final ExportMethod<R> method;
    private final SignalConsumer consumer;
    private final OtlpDecoder decoder;
    private final CallCounters counters;

    ExportCallHandler(ExportMethod<R> method, SignalConsumer consumer, OtlpDecoder decoder, CallCounters counters) {
        this.method = method;
        this.consumer = consumer;
        this.decoder = decoder;
        this.counters = counters;
    }

    @Override
    public ServerCall.Listener<InboundMessage> startCall(ServerCall<InboundMessage, R> call, Metadata headers) {
        counters.callStarted();
        ExportCall exportCall = new ExportCall(call);
        try {
            consumer.checkRequest(new RequestMetadata(method.signal(), GrpcHeaders.ascii(headers), -1));
        } catch (RejectedException e) {
            exportCall.refuse(e);
            return exportCall;
        } catch (RuntimeException e) {
            exportCall.fail(e);
            return exportCall;
        }
        // Two, as gRPC's own unary handler does, so a second message is seen and refused.
        call.request(2);
        return exportCall;
    }

    private final class ExportCall extends ServerCall.Listener<InboundMessage> {
        private final ServerCall<InboundMessage, R> call;
        private byte[] body;
        private boolean closed;

        ExportCall(ServerCall<InboundMessage, R> call) {
            this.call = call;
        }

        @Override
        public void onMessage(InboundMessage message) {
            if (closed) {
                return;
            }
            if (message.failure() != null) {
                counters.failed(message.failure().getCode().name().toLowerCase(Locale.ROOT) + ": "
                        + message.failure().getDescription());
                close(message.failure(), new Metadata());
            } else if (body != null) {
                close(Status.INVALID_ARGUMENT.withDescription("Export is unary: more than one request message"),
                        new Metadata());
            } else {
                body = message.bytes();
            }
        }

        @Override
        public void onHalfClose() {
            if (closed) {
                return;
            }
            if (body == null) {
                close(Status.INVALID_ARGUMENT.withDescription("Export call ended without a request message"),
                        new Metadata());
                return;
            }
            try {
                R response = method.response().apply(export(body));
                call.sendHeaders(new Metadata());
                call.sendMessage(response);
                close(Status.OK, new Metadata());
            } catch (RejectedException e) {
                refuse(e);
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                body = null;
            }
        }

        private Accepted export(byte[] message) throws RejectedException {
            Admission admission = consumer.admit(message.length);
            TableBatches batches;
            try {
                batches = decoder.decode(method.signal(), PayloadFormat.PROTOBUF, message, 0, message.length);
            } catch (RejectedException | RuntimeException e) {
                admission.close();
                throw e;
            }
            Accepted accepted = consumer.consume(admission, batches);
            counters.rowsAccepted(accepted.rows());
            return accepted;
        }

        void refuse(RejectedException rejection) {
            counters.failed(rejection.reasonToken() + ": " + rejection.getMessage());
            StatusRuntimeException status = GrpcRejections.toStatus(rejection);
            Metadata trailers = status.getTrailers();
            close(status.getStatus(), trailers == null ? new Metadata() : trailers);
        }

        void fail(RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "OTLP/gRPC " + method.signal().id() + " export failed", e);
            refuse(new RejectedException(RejectedException.Reason.INTERNAL, "internal error: " + e, null, e));
        }

        private void close(Status status, Metadata trailers) {
            if (closed) {
                return;
            }
            closed = true;
            call.close(status, trailers);
        }

        @Override
        public void onComplete() {
            counters.callEnded();
        }

        @Override
        public void onCancel() {
            counters.callEnded();
        }
    }
}
