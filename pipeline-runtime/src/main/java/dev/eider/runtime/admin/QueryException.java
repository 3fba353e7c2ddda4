package dev.eider.runtime.admin;

/** Why {@code POST /v1/query} did not answer rows, as the HTTP status and error code it answers. */
final class QueryException extends Exception {
    private final int status;
    private final String error;

    private QueryException(int status, String error, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    /** The statement is not a read-only query of the collector's tables. */
    static QueryException rejected(String message) {
        return new QueryException(400, "not_read_only", message, null);
    }

    /** DuckDB refused or failed the query (syntax, unknown table, type error, ...). */
    static QueryException failed(String message, Throwable cause) {
        return new QueryException(400, "query_failed", message, cause);
    }

    static QueryException timedOut(String message, Throwable cause) {
        return new QueryException(400, "query_timeout", message, cause);
    }

    /** Its client went away; nobody reads this answer. */
    static QueryException cancelled(String message, Throwable cause) {
        return new QueryException(400, "query_cancelled", message, cause);
    }

    static QueryException busy(String message) {
        return new QueryException(429, "busy", message, null);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
