package dev.eider.runtime.admin;

import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/** Flight's answer to each way a query or a request fails, as {@code POST /v1/query}'s statuses map to gRPC's. */
final class FlightSqlErrors {
    private FlightSqlErrors() {}

    static FlightRuntimeException of(QueryException e) {
        CallStatus status = switch (e.error()) {
            case "query_timeout" -> CallStatus.TIMED_OUT;
            case "query_cancelled" -> CallStatus.CANCELLED;
            case "busy" -> CallStatus.RESOURCE_EXHAUSTED;
            default -> CallStatus.INVALID_ARGUMENT;
        };
        return status.withDescription(e.error() + ": " + e.getMessage()).toRuntimeException();
    }

    static FlightRuntimeException invalid(String message) {
        return CallStatus.INVALID_ARGUMENT.withDescription(message).toRuntimeException();
    }

    /** A request to write or to hold a transaction, which this endpoint never does. */
    static FlightRuntimeException readOnly(String what) {
        return CallStatus.INVALID_ARGUMENT.withDescription("not_read_only: " + what + " is refused: the Flight SQL"
                + " endpoint only runs read-only SELECT queries, each in its own read-only transaction").toRuntimeException();
    }

    static FlightRuntimeException internal(RuntimeException e) {
        return CallStatus.INTERNAL.withDescription(e.getMessage() == null ? e.toString() : e.getMessage())
                .withCause(e).toRuntimeException();
    }
}
