package dev.eider.runtime.seal;

/** One seal attempt in the history ring (docs/seal-contract.md, "Seal history"). */
public record SealRecord(
        String pipeline,
        String exporter,
        long sealSequence,
        long startedUnixMs,
        long completedUnixMs,
        long durationMs,
        long appendDurationMs,
        long commitDurationMs,
        long rowsCommitted,
        long admittedBytes,
        boolean success,
        long sealsTotal,
        long sealFailuresTotal,
        long committedRowsTotal,
        String error) {}
