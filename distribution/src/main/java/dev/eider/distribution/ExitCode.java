package dev.eider.distribution;

/** Process exit codes of the CLI; documented in docs/cli.md. */
final class ExitCode {
    static final int OK = 0;
    /** The collector failed to start, or a stop lost rows or failed to close something. */
    static final int FAILURE = 1;
    /** The command line itself is wrong. */
    static final int USAGE = 2;
    /** The configuration is invalid (every problem is printed). */
    static final int INVALID_CONFIG = 3;
    /** The admin API could not be reached or answered with an error. */
    static final int ADMIN_ERROR = 4;

    private ExitCode() {}
}
