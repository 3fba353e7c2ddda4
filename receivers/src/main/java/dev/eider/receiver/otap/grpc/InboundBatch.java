package dev.eider.receiver.otap.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A BatchArrowRecords message as the server reads it: its bytes (admitted before they are
 * parsed), or the status reading failed with (message over the size limit, corrupt compressed
 * stream), so the stream handler answers with that status instead of gRPC's generic UNKNOWN.
 */
record InboundBatch(byte[] bytes, Status failure) {
    static final MethodDescriptor.Marshaller<InboundBatch> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InboundBatch value) {
            throw new UnsupportedOperationException("the server only reads requests");
        }

        @Override
        public InboundBatch parse(InputStream stream) {
            try (stream) {
                return new InboundBatch(stream.readAllBytes(), null);
            } catch (StatusRuntimeException e) {
                return new InboundBatch(null, e.getStatus());
            } catch (IOException e) {
                return new InboundBatch(null,
                        Status.INVALID_ARGUMENT.withDescription("cannot read the BatchArrowRecords message: " + e.getMessage()));
            }
        }
    };
}
