package dev.eider.runtime.seal;

/**
 * The write-ahead log positions a seal covers: records {@code from} (inclusive) to {@code to}
 * (exclusive). An exporter that stores {@code to} in the seal's own transaction tells after a
 * crash exactly which logged requests it already holds.
 */
public record WalRange(long from, long to) {}
