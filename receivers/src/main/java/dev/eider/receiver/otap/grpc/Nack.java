package dev.eider.receiver.otap.grpc;

import dev.eider.receiver.otap.proto.StatusCode;
import dev.eider.runtime.pipeline.RejectedException;
import io.grpc.Status;

/**
 * The one mapping from a refused message to the BatchStatus code the client sees and whether
 * the stream goes on: backpressure and a stopping pipeline are retryable on the same stream;
 * anything else ends it.
 */
record Nack(StatusCode code, String message, boolean endsStream) {
    static Nack of(RejectedException rejection) {
        String message = rejection.getMessage() == null ? "" : rejection.getMessage();
        return switch (rejection.reason()) {
            case OVERLOADED -> new Nack(StatusCode.RESOURCE_EXHAUSTED, message, false);
            case UNAVAILABLE -> new Nack(StatusCode.UNAVAILABLE, message, false);
            case UNAUTHENTICATED -> new Nack(StatusCode.UNAUTHENTICATED, message, true);
            case BAD_DATA, UNSUPPORTED_ENCODING -> new Nack(StatusCode.INVALID_ARGUMENT, message, true);
            // No retry: a message that does not fit once never will.
            case TOO_LARGE -> new Nack(StatusCode.INVALID_ARGUMENT, message, true);
            case INTERNAL -> new Nack(StatusCode.INTERNAL, message, true);
        };
    }

    static Nack malformed(String message) {
        return new Nack(StatusCode.INVALID_ARGUMENT, message, true);
    }

    /** The gRPC status that ends the stream after this nack. */
    Status streamStatus() {
        return Status.fromCodeValue(code.getNumber()).withDescription(message);
    }
}
