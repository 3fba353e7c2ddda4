package dev.eider.receiver.otlp.http;

import dev.eider.runtime.pipeline.Signal;
import io.netty.handler.codec.http.HttpMethod;

/** The paths the OTLP/HTTP listener serves, with the one method each accepts. */
enum HttpRoute {
    LOGS("/v1/logs", HttpMethod.POST, Signal.LOGS),
    TRACES("/v1/traces", HttpMethod.POST, Signal.TRACES),
    METRICS("/v1/metrics", HttpMethod.POST, Signal.METRICS),
    HEALTHZ("/healthz", HttpMethod.GET, null),
    READYZ("/readyz", HttpMethod.GET, null);

    private final String path;
    private final HttpMethod method;
    private final Signal signal;

    HttpRoute(String path, HttpMethod method, Signal signal) {
        this.path = path;
        this.method = method;
        this.signal = signal;
    }

    /** The route of a request target (query string ignored), or null for an unknown path. */
    static HttpRoute of(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        for (HttpRoute r : values()) {
            if (r.path.equals(path)) {
                return r;
            }
        }
        return null;
    }

    HttpMethod method() {
        return method;
    }

    /** The signal an export path carries; null for the probes. */
    Signal signal() {
        return signal;
    }
}
