package dev.eider.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives {@code concurrency} threads, each sending one request at a time. At a fixed rate the
 * requests take consecutive slots of a shared schedule (a thread that falls behind sends at once,
 * so the achieved rate shows up as attempted records/s); flat out, each thread sends again as soon
 * as it has its answer. Latency is from send to answer.
 */
final class LoadRun {
    private final LoadConfig config;
    private final Sender sender;

    LoadRun(LoadConfig config, Sender sender) {
        this.config = config;
        this.sender = sender;
    }

    /** The measured window's tally and the whole run's (warm-up included) tally. */
    record Result(Tally measured, Tally total, double measuredSeconds) {}

    Result run() throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + config.warmup().toNanos();
        long end = measureFrom + config.duration().toNanos();
        long intervalNanos = config.recordsPerSecond() == 0
                ? 0
                : Math.max(1, Math.round(1e9 * config.payload().records() / config.recordsPerSecond()));
        var slots = new AtomicLong();
        List<Tally[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < config.concurrency(); i++) {
            Tally[] tallies = {new Tally(), new Tally()};
            perThread.add(tallies);
            var thread = new Thread(() -> sendUntil(start, measureFrom, end, intervalNanos, slots, tallies),
                    "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        var measured = new Tally();
        var total = new Tally();
        for (Tally[] t : perThread) {
            measured.addAll(t[0]);
            total.addAll(t[0]);
            total.addAll(t[1]);
        }
        return new Result(measured, total, config.duration().toNanos() / 1e9);
    }

    private void sendUntil(long start, long measureFrom, long end, long intervalNanos, AtomicLong slots,
                           Tally[] tallies) {
        while (true) {
            long sendAt = intervalNanos == 0 ? System.nanoTime() : start + slots.getAndIncrement() * intervalNanos;
            if (sendAt >= end) {
                return;
            }
            long wait;
            while ((wait = sendAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            Outcome outcome = sender.send(config.payload());
            long answered = System.nanoTime();
            // a request belongs to the window it was sent in; warm-up requests count in totals only
            (sent >= measureFrom ? tallies[0] : tallies[1]).add(config.payload(), outcome, answered - sent);
        }
    }
}
