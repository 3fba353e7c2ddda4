package dev.eider.distribution;

/** {@code java -jar collector.jar}: the CLI over the standard distribution. */
public final class StandardMain {
    private StandardMain() {}

    public static void main(String[] args) {
        CollectorMain.main(args, DaggerStandardDistribution.create());
    }
}
