package dev.eider.receiver.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.eider.runtime.pipeline.RejectedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** The one mapping from a refused request to the gRPC status the client sees. */
public final class GrpcRejections {
    /** OTLP clients retry RESOURCE_EXHAUSTED only when RetryInfo is present; this is the fallback delay. */
    static final java.time.Duration DEFAULT_RETRY_DELAY = java.time.Duration.ofSeconds(1);

    private GrpcRejections() {}

    /** The status and trailers for {@code rejection}; backpressure carries a RetryInfo detail. */
    public static StatusRuntimeException toStatus(RejectedException rejection) {
        String message = rejection.getMessage();
        return switch (rejection.reason()) {
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED.withDescription(message).asRuntimeException();
            case BAD_DATA -> Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
            // No RetryInfo: OTLP clients must not resend a body that will never fit.
            case TOO_LARGE -> Status.RESOURCE_EXHAUSTED.withDescription(message).asRuntimeException();
            case UNSUPPORTED_ENCODING -> Status.UNIMPLEMENTED.withDescription(message).asRuntimeException();
            case OVERLOADED -> retryable(message, rejection.retryAfter());
            case UNAVAILABLE -> Status.UNAVAILABLE.withDescription(message).asRuntimeException();
            case INTERNAL -> Status.INTERNAL.withDescription(message).asRuntimeException();
        };
    }

    private static StatusRuntimeException retryable(String message, java.time.Duration retryAfter) {
        java.time.Duration delay = retryAfter == null ? DEFAULT_RETRY_DELAY : retryAfter;
        RetryInfo retryInfo = RetryInfo.newBuilder()
                .setRetryDelay(Duration.newBuilder().setSeconds(delay.getSeconds()).setNanos(delay.getNano()))
                .build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage(message == null ? "" : message)
                .addDetails(Any.pack(retryInfo))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }
}
