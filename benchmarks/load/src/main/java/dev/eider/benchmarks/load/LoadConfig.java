package dev.eider.benchmarks.load;

import java.time.Duration;
import java.util.Map;

/**
 * A load run: where to send ({@code protocol} "http" or "grpc" at {@code host:port}), what to
 * send, how fast ({@code recordsPerSecond} 0 = flat out) with how many concurrent requests, and
 * for how long (warm-up not counted in the measured window, but counted in the totals).
 */
record LoadConfig(
        String protocol,
        String host,
        int port,
        Map<String, String> headers,
        Payload payload,
        long recordsPerSecond,
        int concurrency,
        Duration warmup,
        Duration duration) {}
