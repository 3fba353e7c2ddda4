package dev.eider.runtime.wal;

/** One logged request: its log position and its encoded rows. */
public record WalRecord(long position, byte[] payload) {}
