package dev.eider.benchmarks.load;

/**
 * The answer to one request: a status label ("200", "503", "grpc OK", "grpc UNAVAILABLE",
 * "io ConnectException"), whether the request was accepted, and the records the server
 * reported as rejected in an OTLP partial success.
 */
public record Outcome(String status, boolean accepted, long rejectedRecords) {}
