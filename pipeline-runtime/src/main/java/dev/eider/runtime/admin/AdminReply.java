package dev.eider.runtime.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an admin route answers: status, content type, body and extra headers; {@code then} runs
 * after the answer has been written (shutdown asks the host to stop only once it has answered).
 */
record AdminReply(int status, String contentType, byte[] body, Map<String, String> headers, Runnable then) {
    static final String JSON = "application/json; charset=utf-8";
    /** The follow-up of every answer but shutdown's. */
    static final Runnable NOTHING = () -> {};

    static AdminReply json(int status, Object document) {
        return new AdminReply(status, JSON, AdminJson.write(document).getBytes(StandardCharsets.UTF_8), Map.of(), NOTHING);
    }

    static AdminReply text(int status, String contentType, String body, Runnable then) {
        return new AdminReply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), then);
    }

    static AdminReply error(int status, String error, String message) {
        return json(status, AdminDocuments.error(error, message));
    }

    /** This reply with one more header. */
    AdminReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminReply(status, contentType, body, Map.copyOf(more), then);
    }
}
