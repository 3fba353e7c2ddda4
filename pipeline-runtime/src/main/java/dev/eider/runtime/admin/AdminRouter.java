package dev.eider.runtime.admin;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.seal.PipelineStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps admin requests to the {@link Host}: finds the route, checks method and token, and writes
 * the answer. Every error is a JSON {@code {"error","message"}} document.
 */
final class AdminRouter implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(AdminRouter.class.getName());
    private static final String JSON = "application/json; charset=utf-8";
    private static final String RECEIVERS_PREFIX = "/v1/receivers/";
    private static final String STOP_SUFFIX = "/stop";
    /** Only queries carry a body (one SQL statement); a larger body is refused. */
    static final int MAX_BODY = 64 * 1024;
    /** How much of a body beyond that is read and dropped before answering. */
    private static final int MAX_DRAINED_BODY = 1024 * 1024;

    private final Host host;
    private final BearerToken token;
    private final QueryRunner queries;

    AdminRouter(Host host, BearerToken token, QueryRunner queries) {
        this.host = host;
        this.token = token;
        this.queries = queries;
    }

    /** What a route answers; {@code then} runs after the answer has been sent. */
    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers, Runnable then) {
        static Reply json(int status, Object document) {
            return new Reply(status, JSON, AdminJson.write(document).getBytes(StandardCharsets.UTF_8), Map.of(), () -> {});
        }

        static Reply text(int status, String contentType, String body, Runnable then) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), then);
        }

        static Reply error(int status, String error, String message) {
            return json(status, AdminDocuments.error(error, message));
        }
    }

    /** An admin request: its URI, headers and body (at most {@link #MAX_BODY} bytes read). */
    private record Request(URI uri, Headers headers, byte[] body, boolean bodyTooLarge) {}

    private interface Action {
        Reply answer(Request request);
    }

    private record Route(String method, boolean needsToken, Action action) {}

    @Override
    public void handle(HttpExchange exchange) {
        Reply reply = null;
        try {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            boolean tooLarge = body.length > MAX_BODY;
            // Unread request bytes make the socket close with a reset that can eat the answer.
            exchange.getRequestBody().readNBytes(MAX_DRAINED_BODY);
            reply = answer(exchange, new Request(exchange.getRequestURI(), exchange.getRequestHeaders(), body, tooLarge));
            send(exchange, reply);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "admin request " + exchange.getRequestURI() + " failed", e);
        } finally {
            exchange.close();
        }
        if (reply != null) {
            // Runs even if the client went away: the action was asked for and authorized.
            try {
                reply.then().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "admin " + exchange.getRequestURI() + " follow-up failed", e);
            }
        }
    }

    private Reply answer(HttpExchange exchange, Request request) {
        URI uri = request.uri();
        Route route = route(uri.getPath());
        if (route == null) {
            return Reply.error(404, "not_found", "no admin route " + uri.getPath());
        }
        if (!route.method().equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", route.method());
            return Reply.error(405, "method_not_allowed",
                    uri.getPath() + " accepts " + route.method() + ", not " + exchange.getRequestMethod());
        }
        if (route.needsToken()) {
            String rejection = token.rejection(exchange.getRequestHeaders().getFirst("Authorization"));
            if (rejection != null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"eider-admin\"");
                return Reply.error(401, "unauthenticated", rejection);
            }
        }
        try {
            return route.action().answer(request);
        } catch (IllegalArgumentException e) {
            return Reply.error(400, "bad_request", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "admin " + uri.getPath() + " failed", e);
            return Reply.error(500, "internal", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private Route route(String path) {
        switch (path) {
            case "/healthz":
                return new Route("GET", false, request -> Reply.json(200, AdminDocuments.status("ok")));
            case "/readyz":
                return new Route("GET", false, request -> host.ready()
                        ? Reply.json(200, AdminDocuments.status("ready"))
                        : Reply.json(503, AdminDocuments.status("degraded")));
            case "/metrics":
                return new Route("GET", false, request -> Reply.text(200, PrometheusExposition.CONTENT_TYPE,
                        PrometheusExposition.render(host.ready(), host.receivers(), host.pipelines()), () -> {}));
            case "/v1/status":
                return new Route("GET", true, request ->
                        Reply.json(200, AdminDocuments.collectorStatus(host.receivers(), host.pipelines())));
            case "/v1/seals":
                return new Route("GET", true, request ->
                        Reply.json(200, host.seals().stream().map(AdminDocuments::seal).toList()));
            case "/v1/flush":
                return new Route("POST", true, this::flush);
            case "/v1/query":
                return new Route("POST", true, this::query);
            case "/v1/shutdown":
                return new Route("POST", true, request -> Reply.text(200, JSON,
                        AdminJson.write(AdminDocuments.status("shutting down")), host::requestShutdown));
            default:
                if (path.startsWith(RECEIVERS_PREFIX) && path.endsWith(STOP_SUFFIX)
                        && path.length() > RECEIVERS_PREFIX.length() + STOP_SUFFIX.length()) {
                    // Receiver ids may hold a slash (otlp/internal), so the id is everything between.
                    String id = path.substring(RECEIVERS_PREFIX.length(), path.length() - STOP_SUFFIX.length());
                    return new Route("POST", true, request -> stopReceiver(id));
                }
                return null;
        }
    }

    private Reply flush(Request request) {
        Optional<String> pipeline = Optional.ofNullable(parameters(request.uri(), "pipeline").get("pipeline"));
        if (pipeline.isPresent()) {
            List<String> known = host.pipelines().stream().map(PipelineStatus::id).toList();
            if (!known.contains(pipeline.get())) {
                return Reply.error(404, "not_found", "no pipeline '" + pipeline.get() + "' (pipelines: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
        FlushResult result = host.flush(pipeline);
        // A failed seal keeps its rows buffered; 500 lets scripts see the flush did not land.
        return Reply.json(result.error() == null ? 200 : 500, AdminDocuments.flush(result));
    }

    /**
     * One read-only SQL statement, as the body (text/plain) or as {"sql": "..."} (application/json);
     * the Accept header picks JSON rows, CSV or an Arrow IPC stream.
     */
    private Reply query(Request request) {
        if (request.bodyTooLarge()) {
            return Reply.error(413, "too_large", "the query is longer than " + MAX_BODY + " bytes");
        }
        String target = parameters(request.uri(), "exporter").get("exporter");
        QueryFormat format;
        try {
            format = QueryFormat.negotiate(request.headers().get("Accept"));
        } catch (IllegalArgumentException e) {
            return Reply.error(406, "not_acceptable", e.getMessage());
        }
        String sql = QueryRequests.sql(request.headers().getFirst("Content-Type"), request.body());
        Map<String, QueryTarget> targets = host.queryTargets();
        String targetId = QueryRequests.targetId(target, targets.keySet());
        if (targetId == null) {
            return Reply.error(404, "not_found", "no queryable exporter '" + target + "' (queryable: "
                    + (targets.isEmpty() ? "none" : String.join(", ", targets.keySet())) + ")");
        }
        try {
            QueryOutput output = queries.run(targets.get(targetId), sql, format);
            return new Reply(200, format.contentType(), output.body(), Map.of(
                    "Eider-Query-Exporter", targetId,
                    "Eider-Query-Row-Count", Long.toString(output.rowCount()),
                    "Eider-Query-Truncated", Boolean.toString(output.truncated())), () -> {});
        } catch (QueryException e) {
            return Reply.error(e.status(), e.error(), e.getMessage());
        }
    }

    private Reply stopReceiver(String id) {
        List<String> stopped = host.stopReceiver(id);
        if (stopped.isEmpty()) {
            return Reply.json(404, AdminDocuments.status("No server found listening on " + id));
        }
        return Reply.json(200, AdminDocuments.status("Stopped listening on " + String.join(", ", stopped)));
    }

    /** A route's query parameters: only {@code known} ones, each at most once, not empty. */
    private static Map<String, String> parameters(URI uri, String... known) {
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        List<String> knownNames = List.of(known);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!knownNames.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: "
                        + String.join(", ", knownNames) + ")");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("query parameter '" + name + "' must not be empty");
            }
            if (params.put(name, value) != null) {
                throw new IllegalArgumentException("query parameter '" + name + "' given more than once");
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body();
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
