package dev.eider.runtime.admin;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Checks the bearer token of every Flight SQL call as it starts: a call without the right token
 * ends UNAUTHENTICATED there, before its request (or any SQL in it) is read.
 */
final class FlightSqlAuthentication implements FlightServerMiddleware.Factory<FlightSqlAuthentication.Passed> {
    static final FlightServerMiddleware.Key<Passed> KEY = FlightServerMiddleware.Key.of("eider-authentication");

    private final BearerToken token;

    FlightSqlAuthentication(BearerToken token) {
        this.token = token;
    }

    @Override
    public Passed onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
        String rejection = token.rejection(incomingHeaders.get("authorization"));
        if (rejection != null) {
            throw CallStatus.UNAUTHENTICATED.withDescription(rejection).toRuntimeException();
        }
        return Passed.CALL;
    }

    /** A call that carried the token; nothing more to do for it. */
    enum Passed implements FlightServerMiddleware {
        CALL;

        @Override
        public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

        @Override
        public void onCallCompleted(CallStatus status) {}

        @Override
        public void onCallErrored(Throwable err) {}
    }
}
