package dev.eider.runtime.pipeline;

/**
 * The outcome of an accepted request: rows admitted, batches (one per table touched), and rows
 * that could not be stored (reported to the client as OTLP partial success).
 */
public record Accepted(long rows, int batches, long rejectedRows, String rejectionMessage) {}
