package dev.eider.runtime.admin;

import java.util.List;
import java.util.Locale;

/** How {@code POST /v1/query} answers rows, chosen by the request's Accept header. */
enum QueryFormat {
    JSON("application/json; charset=utf-8", "application/json"),
    CSV("text/csv; charset=utf-8", "text/csv"),
    ARROW("application/vnd.apache.arrow.stream", "application/vnd.apache.arrow.stream");

    private final String contentType;
    private final String mediaType;

    QueryFormat(String contentType, String mediaType) {
        this.contentType = contentType;
        this.mediaType = mediaType;
    }

    String contentType() {
        return contentType;
    }

    /**
     * The first media type of the Accept header that names a format; JSON when the header is
     * absent or only has wildcards.
     *
     * @throws IllegalArgumentException when the header accepts none of the formats
     */
    static QueryFormat negotiate(List<String> acceptHeaders) {
        if (acceptHeaders == null || acceptHeaders.isEmpty()) {
            return JSON;
        }
        boolean wildcard = false;
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                String media = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                for (QueryFormat format : values()) {
                    if (format.mediaType.equals(media)) {
                        return format;
                    }
                }
                wildcard |= media.equals("*/*") || media.equals("application/*") || media.isEmpty();
            }
        }
        if (wildcard) {
            return JSON;
        }
        throw new IllegalArgumentException("Accept: " + String.join(", ", acceptHeaders)
                + " names no format the query API answers (application/json, text/csv,"
                + " application/vnd.apache.arrow.stream)");
    }
}
