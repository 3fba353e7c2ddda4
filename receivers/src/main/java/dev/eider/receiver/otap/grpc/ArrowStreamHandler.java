package dev.eider.receiver.otap.grpc;

import dev.eider.receiver.grpc.GrpcHeaders;
import dev.eider.receiver.grpc.GrpcRejections;
import dev.eider.receiver.otap.decode.OtapDecodeException;
import dev.eider.receiver.otap.decode.OtapStreamDecoder;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otap.proto.BatchStatus;
import dev.eider.receiver.otap.proto.StatusCode;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.TableBatches;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.io.IOException;

/**
 * One signal's bidirectional Arrow stream: the headers are checked when the stream opens, then
 * each BatchArrowRecords is admitted, decoded (with this stream's own decoder state) and
 * consumed, and answered by one BatchStatus with its batch_id. Messages are handled one at a
 * time: the next is requested only once the previous one is answered.
 */
final class ArrowStreamHandler implements ServerCallHandler<InboundBatch, BatchStatus> {
    private static final System.Logger LOG = System.getLogger(ArrowStreamHandler.class.getName());

    private final Signal signal;
    private final SignalConsumer consumer;
    private final OtlpDecoder rows;
    private final long streamArrowBytes;
    private final StreamCounters counters;

    ArrowStreamHandler(Signal signal, SignalConsumer consumer, OtlpDecoder rows,
            long streamArrowBytes, StreamCounters counters) {
        this.signal = signal;
        this.consumer = consumer;
        this.rows = rows;
        this.streamArrowBytes = streamArrowBytes;
        this.counters = counters;
    }

    @Override
    public ServerCall.Listener<InboundBatch> startCall(ServerCall<InboundBatch, BatchStatus> call, Metadata headers) {
        counters.streamOpened();
        ArrowStream stream = new ArrowStream(call);
        try {
            consumer.checkRequest(new RequestMetadata(signal, GrpcHeaders.ascii(headers), -1));
        } catch (RejectedException e) {
            counters.failed(e.reasonToken() + ": " + e.getMessage());
            stream.end(GrpcRejections.toStatus(e).getStatus());
            return stream;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "OTAP " + signal.id() + " stream check failed", e);
            stream.end(Status.INTERNAL.withDescription("internal error: " + e));
            return stream;
        }
        call.sendHeaders(new Metadata());
        call.request(1);
        return stream;
    }

    private final class ArrowStream extends ServerCall.Listener<InboundBatch> {
        private final ServerCall<InboundBatch, BatchStatus> call;
        private final OtapStreamDecoder decoder;
        private boolean ended;

        ArrowStream(ServerCall<InboundBatch, BatchStatus> call) {
            this.call = call;
            this.decoder = new OtapStreamDecoder(signal, rows, streamArrowBytes);
        }

        @Override
        public void onMessage(InboundBatch message) {
            if (ended) {
                return;
            }
            counters.message();
            if (message.failure() != null) {
                counters.failed(message.failure().getCode() + ": " + message.failure().getDescription());
                end(message.failure());
                return;
            }
            long batchId;
            try {
                batchId = BatchIds.peek(message.bytes());
            } catch (IOException e) {
                nack(0, Nack.malformed("invalid BatchArrowRecords message: " + e.getMessage()));
                return;
            }
            try {
                Accepted accepted = export(message.bytes());
                counters.rowsAccepted(accepted.rows());
                call.sendMessage(BatchStatus.newBuilder()
                        .setBatchId(batchId)
                        .setStatusCode(StatusCode.OK)
                        .setStatusMessage(accepted.rejectionMessage() == null ? "" : accepted.rejectionMessage())
                        .build());
                call.request(1);
            } catch (RejectedException e) {
                nack(batchId, Nack.of(e));
            } catch (OtapDecodeException e) {
                nack(batchId, Nack.malformed(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "OTAP " + signal.id() + " batch " + batchId + " failed", e);
                nack(batchId, new Nack(StatusCode.INTERNAL, "internal error: " + e, true));
            }
        }

        private Accepted export(byte[] message) throws RejectedException, OtapDecodeException {
            Admission admission = consumer.admit(message.length);
            TableBatches batches;
            try {
                batches = decoder.decode(parse(message));
            } catch (OtapDecodeException | RuntimeException e) {
                admission.close();
                throw e;
            }
            return consumer.consume(admission, batches);
        }

        private BatchArrowRecords parse(byte[] message) throws OtapDecodeException {
            try {
                return BatchArrowRecords.parseFrom(message);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new OtapDecodeException("invalid BatchArrowRecords message: " + e.getMessage(), e);
            }
        }

        private void nack(long batchId, Nack nack) {
            counters.failed(nack.code() + ": " + nack.message());
            call.sendMessage(BatchStatus.newBuilder()
                    .setBatchId(batchId)
                    .setStatusCode(nack.code())
                    .setStatusMessage(nack.message())
                    .build());
            if (nack.endsStream()) {
                end(nack.streamStatus());
            } else {
                call.request(1);
            }
        }

        void end(Status status) {
            if (!ended) {
                ended = true;
                call.close(status, new Metadata());
            }
        }

        @Override
        public void onHalfClose() {
            end(Status.OK);
        }

        @Override
        public void onComplete() {
            release();
        }

        @Override
        public void onCancel() {
            release();
        }

        private void release() {
            decoder.close();
            counters.streamClosed();
        }
    }
}
