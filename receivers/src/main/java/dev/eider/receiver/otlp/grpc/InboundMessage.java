package dev.eider.receiver.otlp.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request message as the server reads it: its bytes, or the status that reading failed with.
 * gRPC decompresses lazily while the marshaller reads, so the decompressed-size limit and a
 * corrupt compressed stream surface here; carrying them to the call handler lets it answer
 * with that status instead of gRPC's generic UNKNOWN for a marshaller that throws.
 */
record InboundMessage(byte[] bytes, Status failure) {
    static final MethodDescriptor.Marshaller<InboundMessage> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InboundMessage value) {
            throw new UnsupportedOperationException("the server only reads requests");
        }

        @Override
        public InboundMessage parse(InputStream stream) {
            try (stream) {
                return new InboundMessage(stream.readAllBytes(), null);
            } catch (StatusRuntimeException e) {
                return new InboundMessage(null, e.getStatus());
            } catch (IOException e) {
                return new InboundMessage(null,
                        Status.INVALID_ARGUMENT.withDescription("cannot read the request message: " + e.getMessage()));
            }
        }
    };
}
