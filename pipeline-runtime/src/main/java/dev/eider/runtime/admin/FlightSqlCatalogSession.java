package dev.eider.runtime.admin;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * The catalog (exporter id) one call asks for: the session's {@code catalog} option, which
 * SetSessionOptions sets (the Flight SQL JDBC driver's {@code catalog} property does) and the
 * client keeps as a cookie, so the server holds no session state; else the call's
 * {@code exporter} header, as {@code POST /v1/query}'s {@code ?exporter=} (ADBC's and Grafana's
 * call headers; the JDBC driver sends a property it does not know as one); else none.
 */
final class FlightSqlCatalogSession implements FlightServerMiddleware {
    static final FlightServerMiddleware.Key<FlightSqlCatalogSession> KEY = FlightServerMiddleware.Key.of("eider-catalog");
    static final String OPTION = "catalog";
    static final String HEADER = "exporter";
    static final String COOKIE = "eider_catalog";

    private final String cookie;
    private final String header;
    private String setCookie;

    private FlightSqlCatalogSession(String cookie, String header) {
        this.cookie = cookie;
        this.header = header;
    }

    /** The catalog the call asks for, if any. */
    synchronized Optional<String> requested() {
        return Optional.ofNullable(cookie != null ? cookie : header);
    }

    /** The session's catalog option only (what GetSessionOptions answers). */
    Optional<String> sessionCatalog() {
        return Optional.ofNullable(cookie);
    }

    /** Makes {@code catalog} the session's from the next call on. */
    synchronized void select(String catalog) {
        setCookie = COOKIE + "=" + URLEncoder.encode(catalog, StandardCharsets.UTF_8);
    }

    /** Ends the session: the cookie is dropped. */
    synchronized void close() {
        setCookie = COOKIE + "=; Max-Age=0";
    }

    @Override
    public synchronized void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
        if (setCookie != null) {
            outgoingHeaders.insert("set-cookie", setCookie);
        }
    }

    @Override
    public void onCallCompleted(CallStatus status) {}

    @Override
    public void onCallErrored(Throwable err) {}

    static final class Factory implements FlightServerMiddleware.Factory<FlightSqlCatalogSession> {
        @Override
        public FlightSqlCatalogSession onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            return new FlightSqlCatalogSession(cookie(incomingHeaders), incomingHeaders.get(HEADER));
        }

        private static String cookie(CallHeaders headers) {
            Iterable<String> values = headers.getAll("cookie");
            if (values == null) {
                return null;
            }
            for (String value : values) {
                for (String pair : value.split(";")) {
                    String[] nameAndValue = pair.strip().split("=", 2);
                    if (nameAndValue.length == 2 && nameAndValue[0].equals(COOKIE) && !nameAndValue[1].isEmpty()) {
                        return URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8);
                    }
                }
            }
            return null;
        }
    }
}
