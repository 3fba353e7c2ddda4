package dev.eider.runtime.tls;

import java.nio.file.Path;

/**
 * A TLS file that cannot be used: missing, unreadable, not PEM, or a key that does not belong to
 * its certificate. Names the config key and the file, so the message can be shown as is.
 */
public final class InvalidTlsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final Path file;

    InvalidTlsFileException(String key, Path file, String problem) {
        super(key + " " + file + ": " + problem);
        this.key = key;
        this.file = file;
    }

    InvalidTlsFileException(String key, Path file, String problem, Throwable cause) {
        this(key, file, problem);
        initCause(cause);
    }

    /** The config key of the file ({@code cert_file}, {@code key_file}, {@code client_ca_file}). */
    public String key() {
        return key;
    }

    public Path file() {
        return file;
    }

    /** The problem without the key, for a config error already reported at the key's path. */
    public String problem() {
        return getMessage().substring(key.length() + 1);
    }
}
