package dev.eider.distribution;

/** One-line log records on stderr, unless the user configured java.util.logging already. */
final class LogFormat {
    /** Held so the level set on it is not lost when the logger is garbage collected. */
    private static final java.util.logging.Logger ARROW = java.util.logging.Logger.getLogger("org.apache.arrow");

    private LogFormat() {}

    static void install() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
            // Arrow announces its allocator choices at INFO on every start
            ARROW.setLevel(java.util.logging.Level.WARNING);
        }
    }
}
