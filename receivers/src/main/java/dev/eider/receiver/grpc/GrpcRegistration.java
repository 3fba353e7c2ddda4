package dev.eider.receiver.grpc;

/** One receiver's services on a (possibly shared) gRPC server; {@link #close()} takes them off. */
public interface GrpcRegistration extends AutoCloseable {
    /** The port the server is bound to (the chosen one when the endpoint asked for port 0). */
    int port();

    /**
     * Takes this receiver's services off the server; new calls to them get UNIMPLEMENTED. The
     * last registration to close stops the server: calls in flight get {@link SharedGrpcServer#STOP_GRACE}
     * to finish, then are cancelled, and the port is freed. Idempotent.
     */
    @Override
    void close();
}
