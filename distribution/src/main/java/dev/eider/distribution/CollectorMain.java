package dev.eider.distribution;

import dev.eider.runtime.service.Distribution;

/** The process entry point shared by every distribution: run the CLI and exit with its code. */
public final class CollectorMain {
    private CollectorMain() {}

    public static void main(String[] args, Distribution distribution) {
        LogFormat.install();
        int code = new CollectorCli(distribution, System.out, System.err, System::getenv).run(args);
        System.out.flush();
        System.exit(code);
    }
}
