package dev.eider.runtime.wal;

import java.io.IOException;

/** The log reached its size cap; the request was not logged. */
public final class WalFullException extends IOException {
    public WalFullException(String message) {
        super(message);
    }
}
