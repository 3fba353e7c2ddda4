package dev.eider.runtime.admin;

import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.seal.PipelineStatus;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps admin requests to the {@link Host}: finds the route, checks method and token, and builds
 * the answer. Every error is a JSON {@code {"error","message"}} document. Knows nothing of the
 * transport ({@link AdminHttpServer} reads requests and writes answers).
 */
final class AdminRouter {
    private static final System.Logger LOG = System.getLogger(AdminRouter.class.getName());
    private static final String RECEIVERS_PREFIX = "/v1/receivers/";
    private static final String STOP_SUFFIX = "/stop";
    /** Only queries carry a body (one SQL statement); a larger body is refused. */
    static final int MAX_BODY = 64 * 1024;

    private final Host host;
    private final BearerToken token;
    private final QueryRunner queries;

    AdminRouter(Host host, BearerToken token, QueryRunner queries) {
        this.host = host;
        this.token = token;
        this.queries = queries;
    }

    private interface Action {
        AdminReply answer(AdminRequest request);
    }

    private record Route(String method, boolean needsToken, Action action) {}

    /** The answer to one request; never throws. */
    AdminReply answer(AdminRequest request) {
        URI uri = request.uri();
        Route route = route(uri.getPath());
        if (route == null) {
            return AdminReply.error(404, "not_found", "no admin route " + uri.getPath());
        }
        if (!route.method().equals(request.method())) {
            return AdminReply.error(405, "method_not_allowed",
                    uri.getPath() + " accepts " + route.method() + ", not " + request.method())
                    .withHeader("Allow", route.method());
        }
        if (route.needsToken()) {
            String rejection = token.rejection(request.headers().get("Authorization"));
            if (rejection != null) {
                return AdminReply.error(401, "unauthenticated", rejection)
                        .withHeader("WWW-Authenticate", "Bearer realm=\"eider-admin\"");
            }
        }
        try {
            return route.action().answer(request);
        } catch (IllegalArgumentException e) {
            return AdminReply.error(400, "bad_request", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "admin " + uri.getPath() + " failed", e);
            return AdminReply.error(500, "internal", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private Route route(String path) {
        switch (path) {
            case "/healthz":
                return new Route("GET", false, request -> AdminReply.json(200, AdminDocuments.status("ok")));
            case "/readyz":
                return new Route("GET", false, request -> host.ready()
                        ? AdminReply.json(200, AdminDocuments.status("ready"))
                        : AdminReply.json(503, AdminDocuments.status("degraded")));
            case "/metrics":
                return new Route("GET", false, request -> AdminReply.text(200, PrometheusExposition.CONTENT_TYPE,
                        PrometheusExposition.render(host.ready(), host.receivers(), host.pipelines()), AdminReply.NOTHING));
            case "/v1/status":
                return new Route("GET", true, request ->
                        AdminReply.json(200, AdminDocuments.collectorStatus(host.receivers(), host.pipelines())));
            case "/v1/seals":
                return new Route("GET", true, request ->
                        AdminReply.json(200, host.seals().stream().map(AdminDocuments::seal).toList()));
            case "/v1/flush":
                return new Route("POST", true, this::flush);
            case "/v1/query":
                return new Route("POST", true, this::query);
            case "/v1/shutdown":
                return new Route("POST", true, request -> AdminReply.text(200, AdminReply.JSON,
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

    private AdminReply flush(AdminRequest request) {
        Optional<String> pipeline = Optional.ofNullable(parameters(request.uri(), "pipeline").get("pipeline"));
        if (pipeline.isPresent()) {
            List<String> known = host.pipelines().stream().map(PipelineStatus::id).toList();
            if (!known.contains(pipeline.get())) {
                return AdminReply.error(404, "not_found", "no pipeline '" + pipeline.get() + "' (pipelines: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
        FlushResult result = host.flush(pipeline);
        // A failed seal keeps its rows buffered; 500 lets scripts see the flush did not land.
        return AdminReply.json(result.error() == null ? 200 : 500, AdminDocuments.flush(result));
    }

    /**
     * One read-only SQL statement, as the body (text/plain) or as {"sql": "..."} (application/json);
     * the Accept header picks JSON rows, CSV or an Arrow IPC stream.
     */
    private AdminReply query(AdminRequest request) {
        if (request.bodyTooLarge()) {
            return AdminReply.error(413, "too_large", "the query is longer than " + MAX_BODY + " bytes");
        }
        String target = parameters(request.uri(), "exporter").get("exporter");
        QueryFormat format;
        try {
            format = QueryFormat.negotiate(request.headers().getAll("Accept"));
        } catch (IllegalArgumentException e) {
            return AdminReply.error(406, "not_acceptable", e.getMessage());
        }
        String sql = QueryRequests.sql(request.headers().get("Content-Type"), request.body());
        Map<String, QueryTarget> targets = host.queryTargets();
        String targetId = QueryRequests.targetId(target, targets.keySet(), "?exporter=ID");
        if (targetId == null) {
            return AdminReply.error(404, "not_found", "no queryable exporter '" + target + "' (queryable: "
                    + (targets.isEmpty() ? "none" : String.join(", ", targets.keySet())) + ")");
        }
        try {
            QueryOutput output = queries.run(targets.get(targetId), QueryStatement.of(sql), request.client(),
                    (rows, maxRows, cancellation) -> QueryResultWriter.write(format, rows, maxRows));
            return new AdminReply(200, format.contentType(), output.body(), Map.of(
                    "Eider-Query-Exporter", targetId,
                    "Eider-Query-Row-Count", Long.toString(output.rowCount()),
                    "Eider-Query-Truncated", Boolean.toString(output.truncated())), AdminReply.NOTHING);
        } catch (QueryException e) {
            return AdminReply.error(e.status(), e.error(), e.getMessage());
        }
    }

    private AdminReply stopReceiver(String id) {
        List<String> stopped = host.stopReceiver(id);
        if (stopped.isEmpty()) {
            return AdminReply.json(404, AdminDocuments.status("No server found listening on " + id));
        }
        return AdminReply.json(200, AdminDocuments.status("Stopped listening on " + String.join(", ", stopped)));
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
}
