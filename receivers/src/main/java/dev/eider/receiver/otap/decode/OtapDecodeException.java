package dev.eider.receiver.otap.decode;

/** A BatchArrowRecords message that cannot be decoded; the message names the problem. */
public final class OtapDecodeException extends Exception {
    public OtapDecodeException(String message) {
        super(message);
    }

    public OtapDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
