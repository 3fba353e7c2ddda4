package dev.eider.receiver.otlp.http;

import dev.eider.receiver.otlp.decode.PayloadFormat;
import dev.eider.runtime.pipeline.RejectedException;
import java.util.Locale;

/** Content-Type to decoder format, per the table of docs/wire.md. */
final class PayloadFormats {
    private PayloadFormats() {}

    static PayloadFormat of(String contentType) throws RejectedException {
        if (contentType == null) {
            throw unsupported("missing Content-Type");
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json", "application/otlp+json" -> PayloadFormat.JSON;
            case "application/x-ndjson" -> PayloadFormat.NDJSON;
            case "application/x-protobuf", "application/protobuf", "application/otlp" -> PayloadFormat.PROTOBUF;
            default -> throw unsupported("unsupported Content-Type '" + contentType + "'");
        };
    }

    private static RejectedException unsupported(String what) {
        return new RejectedException(RejectedException.Reason.UNSUPPORTED_ENCODING, what
                + "; use application/x-protobuf, application/json or application/x-ndjson");
    }
}
