package dev.eider.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The load generator's command line. Prints a human summary on stderr and one JSON object
 * (the numbers benchmarks/run.sh reads) on stdout.
 *
 * <pre>
 * java -jar load.jar --protocol http --endpoint localhost:4318 --signal logs \
 *     (--file logs_large.pb | --synthetic-records 1000 --record-bytes 500) [--gzip] \
 *     [--rate RECORDS_PER_S] [--concurrency 4] [--warmup 5s] [--duration 20s] [--header K=V]...
 * </pre>
 */
public final class LoadMain {
    private LoadMain() {}

    public static void main(String[] args) throws Exception {
        LoadConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(run(config));
    }

    /** Runs the load and returns the JSON report. */
    static String run(LoadConfig config) throws InterruptedException {
        try (Sender sender = config.protocol().equals("grpc")
                ? new GrpcSender(config.host(), config.port(), config.headers())
                : new HttpSender(java.net.URI.create("http://" + config.host() + ":" + config.port()),
                        config.headers())) {
            var result = new LoadRun(config, sender).run();
            System.err.println(summary(config, result));
            return json(config, result);
        }
    }

    static LoadConfig parse(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        boolean gzip = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--gzip")) {
                gzip = true;
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                String value = args[++i];
                if (arg.equals("--header")) {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--header wants NAME=VALUE, got " + value);
                    }
                    headers.put(value.substring(0, eq), value.substring(eq + 1));
                } else {
                    options.put(arg.substring(2), value);
                }
            } else {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
        }
        String protocol = options.getOrDefault("protocol", "http");
        if (!protocol.equals("http") && !protocol.equals("grpc")) {
            throw new IllegalArgumentException("--protocol must be http or grpc, got " + protocol);
        }
        String endpoint = options.getOrDefault("endpoint", protocol.equals("grpc") ? "localhost:4317" : "localhost:4318");
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--endpoint wants host:port, got " + endpoint);
        }
        Signal signal = Signal.valueOf(options.getOrDefault("signal", "logs").toUpperCase(Locale.ROOT));
        byte[] request;
        if (options.containsKey("file")) {
            request = Files.readAllBytes(Path.of(options.get("file")));
        } else if (options.containsKey("synthetic-records")) {
            if (signal != Signal.LOGS) {
                throw new IllegalArgumentException("synthetic payloads are logs only");
            }
            request = SyntheticLogs.request(Integer.parseInt(options.get("synthetic-records")),
                    Integer.parseInt(options.getOrDefault("record-bytes", "500")), 42);
        } else {
            throw new IllegalArgumentException("give --file PATH or --synthetic-records N");
        }
        return new LoadConfig(protocol, endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)),
                headers, Payload.of(signal, request, gzip),
                Long.parseLong(options.getOrDefault("rate", "0")),
                Integer.parseInt(options.getOrDefault("concurrency", "4")),
                duration(options.getOrDefault("warmup", "5s")),
                duration(options.getOrDefault("duration", "20s")));
    }

    private static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        throw new IllegalArgumentException("durations look like 20s or 500ms, got " + text);
    }

    private static String summary(LoadConfig c, LoadRun.Result r) {
        Tally m = r.measured();
        double s = r.measuredSeconds();
        return String.format(Locale.ROOT,
                "%s %s %s gzip=%s rate=%s conc=%d: %d records/request, %d bytes/request on the wire%n"
                        + "  measured %.0fs: attempted %.0f rec/s, accepted %.0f rec/s, rejected %.0f rec/s, %.2f MB/s%n"
                        + "  latency ms p50 %.2f p95 %.2f p99 %.2f max %.2f; statuses %s%n"
                        + "  totals incl. warm-up: %d requests, %d accepted records, %d rejected; statuses %s",
                c.protocol(), c.payload().signal(), c.host() + ":" + c.port(), c.payload().gzip(),
                c.recordsPerSecond() == 0 ? "max" : Long.toString(c.recordsPerSecond()), c.concurrency(),
                c.payload().records(), c.payload().body().length,
                s, m.attemptedRecords / s, m.acceptedRecords / s, m.rejectedRecords / s, m.wireBytes / s / 1e6,
                m.latencyMillis(0.5), m.latencyMillis(0.95), m.latencyMillis(0.99), m.latencyMillis(1.0), m.statuses,
                r.total().requests, r.total().acceptedRecords, r.total().rejectedRecords, r.total().statuses);
    }

    private static String json(LoadConfig c, LoadRun.Result r) {
        Tally m = r.measured();
        double s = r.measuredSeconds();
        String statuses = m.statuses.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return String.format(Locale.ROOT,
                "{\"protocol\":\"%s\",\"signal\":\"%s\",\"gzip\":%s,\"offered_records_per_s\":%d,\"concurrency\":%d,"
                        + "\"records_per_request\":%d,\"request_wire_bytes\":%d,\"request_bytes\":%d,"
                        + "\"measured_s\":%.3f,\"requests\":%d,\"attempted_records_per_s\":%.1f,"
                        + "\"accepted_records_per_s\":%.1f,\"rejected_records_per_s\":%.1f,\"wire_mb_per_s\":%.3f,"
                        + "\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"statuses\":%s,"
                        + "\"total_requests\":%d,\"total_accepted_records\":%d,\"total_rejected_records\":%d}",
                c.protocol(), c.payload().signal().name().toLowerCase(Locale.ROOT), c.payload().gzip(),
                c.recordsPerSecond(), c.concurrency(), c.payload().records(), c.payload().body().length,
                c.payload().uncompressedBytes(), s, m.requests, m.attemptedRecords / s, m.acceptedRecords / s,
                m.rejectedRecords / s, m.wireBytes / s / 1e6, m.latencyMillis(0.5), m.latencyMillis(0.95),
                m.latencyMillis(0.99), m.latencyMillis(1.0), statuses,
                r.total().requests, r.total().acceptedRecords, r.total().rejectedRecords);
    }
}
