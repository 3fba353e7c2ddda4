package dev.eider.receiver.otlp.decode;

/** The three OTLP body formats the receiver decodes (chosen by Content-Type on HTTP). */
public enum PayloadFormat {
    PROTOBUF,
    JSON,
    /** One OTLP/JSON export request per line. */
    NDJSON
}
