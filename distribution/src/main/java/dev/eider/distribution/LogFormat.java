package dev.eider.distribution;

/** One-line log records on stderr, unless the user configured java.util.logging already. */
final class LogFormat {
    private LogFormat() {}

    static void install() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        }
    }
}
