package dev.eider.runtime.seal;

/** The answer to a flush: rows sealed by it, seals in total, and the error if one seal failed. */
public record FlushResult(String status, long sealedRows, long sealsTotal, String error) {}
