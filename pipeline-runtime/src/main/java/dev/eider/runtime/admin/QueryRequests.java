package dev.eider.runtime.admin;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads what a {@code POST /v1/query} request asks for: the SQL text and the exporter. */
final class QueryRequests {
    private QueryRequests() {}

    /**
     * The statement: the whole body, or the {@code sql} field when the body is JSON.
     *
     * @throws IllegalArgumentException when there is no statement
     */
    static String sql(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (media.equals("application/json")) {
            Object doc = AdminJson.read(text);
            if (!(doc instanceof Map<?, ?> map) || !(map.get("sql") instanceof String sql) || map.size() != 1) {
                throw new IllegalArgumentException("a JSON query body must be {\"sql\": \"<one SQL statement>\"}");
            }
            text = sql;
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("the request body must be one SQL statement"
                    + " (text/plain, or {\"sql\": \"...\"} as application/json)");
        }
        return text;
    }

    /**
     * The id of the exporter to query: the one asked for, or the only queryable one. Null when
     * the asked-for id is not queryable. {@code howToChoose} tells the client how to ask for one
     * (e.g. "?exporter=ID").
     *
     * @throws IllegalArgumentException when none was asked for and there is not exactly one
     */
    static String targetId(String requested, Set<String> queryable, String howToChoose) {
        if (requested != null) {
            return queryable.contains(requested) ? requested : null;
        }
        if (queryable.size() == 1) {
            return queryable.iterator().next();
        }
        if (queryable.isEmpty()) {
            throw new IllegalArgumentException("no exporter of this collector answers queries");
        }
        throw new IllegalArgumentException("several exporters answer queries; choose one with " + howToChoose + " ("
                + String.join(", ", queryable) + ")");
    }
}
