package dev.eider.distribution;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.CollectorConfig;
import dev.eider.runtime.service.Collector;
import dev.eider.runtime.service.CollectorStartException;
import dev.eider.runtime.service.StopReport;
import dev.eider.runtime.service.Version;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs a collector until it is asked to stop (admin shutdown, SIGTERM, SIGINT) and stops it
 * gracefully. On a signal the JVM's shutdown hook does the stop, and sets the exit status itself.
 */
final class CollectorRunner {
    private final PrintStream out;
    private final PrintStream err;

    CollectorRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(CollectorConfig config) {
        try (BufferAllocator allocator = new RootAllocator()) {
            Collector collector = Collector.create(config, allocator);
            try {
                collector.start();
            } catch (CollectorStartException e) {
                err.println(e.getMessage());
                return ExitCode.FAILURE;
            }
            AtomicBoolean signalled = new AtomicBoolean();
            Thread hook = new Thread(() -> {
                signalled.set(true);
                int code = finish(collector.stop());
                // halt: the default status of a signalled JVM (143) would claim a failure
                Runtime.getRuntime().halt(code);
            }, "eider-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            printBanner(collector);
            try {
                collector.awaitStopRequest();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (signalled.get()) {
                // the hook owns the stop and the exit; block until it halts the JVM
                blockForever();
            }
            StopReport report = collector.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            return finish(report);
        }
    }

    /** Tells the user how the stop went and answers the exit code. */
    private int finish(StopReport report) {
        report.problems().forEach(p -> err.println("problem during stop: " + p));
        out.println(report.clean() ? "Collector stopped; every accepted row was sealed."
                : "Collector stopped with problems" + (report.rowsLost() ? "; some accepted rows were NOT sealed." : "."));
        out.flush();
        err.flush();
        return report.clean() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private void printBanner(Collector collector) {
        out.println("Eider " + Version.current() + " is running.");
        for (ListenerStatus l : collector.receivers()) {
            out.println("  receiver " + l.id() + " (" + l.protocol() + ") listening on " + l.listenUrl());
        }
        out.println("Stop with Ctrl-C, SIGTERM, or `java -jar collector.jar stop`.");
        out.flush();
    }

    private static void blockForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // the shutdown hook halts the JVM; nothing to do until then
            }
        }
    }
}
