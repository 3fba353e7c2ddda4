package dev.eider.receiver.otlp.decode;

/** A body that does not parse as the OTLP request it claims to be; the message names the problem. */
final class MalformedPayloadException extends Exception {
    MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
