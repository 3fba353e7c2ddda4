package dev.eider.runtime.pipeline;

import java.util.Locale;
import java.util.Map;

/**
 * What is known about a request before its body is read: its transport headers (names
 * lower-cased) and the content length when declared (-1 otherwise).
 */
public record RequestMetadata(Signal signal, Map<String, String> headers, long contentLength) {
    public RequestMetadata {
        headers = Map.copyOf(headers);
    }

    /** The header's value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
