package dev.eider.runtime.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * A request the pipeline refuses. Each transport maps {@link Reason} to its status in one
 * place; the message is shown to the client and names the problem.
 */
public final class RejectedException extends Exception {
    /** Why a request was refused. */
    public enum Reason {
        /** Missing or invalid credentials. */
        UNAUTHENTICATED,
        /** The body failed to parse, or is otherwise invalid. */
        BAD_DATA,
        /** The body (on the wire or decompressed) exceeds the configured limit. */
        TOO_LARGE,
        /** Content type or content encoding the receiver does not support. */
        UNSUPPORTED_ENCODING,
        /** Admission is full: retry later (backpressure). */
        OVERLOADED,
        /** The pipeline is stopping or not started. */
        UNAVAILABLE,
        /** A bug or unexpected failure; logged. */
        INTERNAL
    }

    private final Reason reason;
    private final Duration retryAfter;

    public RejectedException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public RejectedException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason);
        this.retryAfter = retryAfter;
    }

    public static RejectedException overloaded(String message, Duration retryAfter) {
        return new RejectedException(Reason.OVERLOADED, message, retryAfter, null);
    }

    public Reason reason() {
        return reason;
    }

    /** How long a client should wait before retrying, for {@link Reason#OVERLOADED}; else null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The reason as the short snake_case token used in error bodies. */
    public String reasonToken() {
        return reason.name().toLowerCase(java.util.Locale.ROOT);
    }
}
