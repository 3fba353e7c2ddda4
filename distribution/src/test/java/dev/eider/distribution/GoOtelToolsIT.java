package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Go clients against the real collector.jar, with the otlp receiver's grpc protocol and the
 * otap receiver sharing one port: telemetrygen sends OTLP/gRPC, otap-producer sends OTAP streams
 * with otel-arrow's own Go producer (the otelarrow exporter is not on the module proxy this build
 * can reach), and the Go Collector's OTLP/gRPC exporter relays telemetrygen. The tools come from
 * scripts/build-otel-tools.sh, which the distribution build runs before the integration tests.
 */
class GoOtelToolsIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration CLIENT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final Path jar = CollectorProcess.jar("eider.collector.jar");
    private final Path tools = Path.of(System.getProperty("eider.otel.tools.dir"));

    @Test
    void otlpAndOtapClientsShareOnePortAndEveryRowLands() throws Exception {
        String endpoint = "127.0.0.1:" + freePort();
        try (CollectorProcess collector = startEider(endpoint)) {
            run("telemetrygen", "logs", "--otlp-endpoint", endpoint, "--otlp-insecure", "--rate", "0",
                    "--logs", "25", "--service", "tg-logs");
            run("telemetrygen", "traces", "--otlp-endpoint", endpoint, "--otlp-insecure", "--rate", "0",
                    "--traces", "10", "--child-spans", "2", "--service", "tg-traces");
            run("telemetrygen", "metrics", "--otlp-endpoint", endpoint, "--otlp-insecure", "--rate", "0",
                    "--metrics", "15", "--metric-type", "Gauge", "--service", "tg-metrics");
            for (String signal : List.of("logs", "traces", "metrics")) {
                run("otap-producer", "--endpoint", endpoint, "--signal", signal, "--batches", "3", "--per-batch", "7",
                        "--service", "otap-" + signal);
            }
            stop(collector);
        }
        Path database = dir.resolve("go.duckdb");
        assertEquals(25, rows(database, "otlp_logs", "tg-logs"));
        assertEquals(10 * 3, rows(database, "otlp_traces", "tg-traces"), "each trace is a root span and two children");
        assertEquals(15, rows(database, "otlp_metrics_gauge", "tg-metrics"));
        assertEquals(21, rows(database, "otlp_logs", "otap-logs"));
        assertEquals(21, rows(database, "otlp_traces", "otap-traces"));
        assertEquals(21, rows(database, "otlp_metrics_gauge", "otap-metrics"));
    }

    /**
     * The Go OpenTelemetry Collector's OTLP/gRPC exporter into Eider's shared port, fed by
     * telemetrygen through the Collector's own otlp receiver.
     */
    @Test
    void goCollectorOtlpExporterLandsEveryRow() throws Exception {
        Path otelcol = tools.resolve("bin").resolve("otelcol");
        String eider = "127.0.0.1:" + freePort();
        String relay = "127.0.0.1:" + freePort();
        Path relayConfig = dir.resolve("otelcol.yaml");
        Files.writeString(relayConfig, """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: %s
                exporters:
                  otlp_grpc:
                    endpoint: %s
                    tls:
                      insecure: true
                    # no queue: the Collector answers telemetrygen once Eider has answered it
                    sending_queue:
                      enabled: false
                service:
                  telemetry:
                    metrics:
                      level: none
                  pipelines:
                    logs: {receivers: [otlp], exporters: [otlp_grpc]}
                    traces: {receivers: [otlp], exporters: [otlp_grpc]}
                    metrics: {receivers: [otlp], exporters: [otlp_grpc]}
                """.formatted(relay, eider));
        try (CollectorProcess collector = startEider(eider)) {
            Path relayLog = dir.resolve("otelcol.log");
            Process goCollector = new ProcessBuilder(otelcol.toString(), "--config", relayConfig.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(relayLog.toFile()).start();
            try {
                awaitLine(relayLog, "Everything is ready");
                run("telemetrygen", "logs", "--otlp-endpoint", relay, "--otlp-insecure", "--rate", "0",
                        "--logs", "12", "--service", "relay-logs");
                run("telemetrygen", "traces", "--otlp-endpoint", relay, "--otlp-insecure", "--rate", "0",
                        "--traces", "4", "--child-spans", "1", "--service", "relay-traces");
                run("telemetrygen", "metrics", "--otlp-endpoint", relay, "--otlp-insecure", "--rate", "0",
                        "--metrics", "9", "--service", "relay-metrics");
            } finally {
                goCollector.destroy();
                goCollector.waitFor(30, TimeUnit.SECONDS);
            }
            stop(collector);
        }
        Path database = dir.resolve("go.duckdb");
        assertEquals(12, rows(database, "otlp_logs", "relay-logs"));
        assertEquals(4 * 2, rows(database, "otlp_traces", "relay-traces"));
        assertEquals(9, rows(database, "otlp_metrics_gauge", "relay-metrics"));
    }

    /** Eider with the otlp receiver's grpc protocol and the otap receiver on one endpoint. */
    private CollectorProcess startEider(String endpoint) throws Exception {
        Path config = dir.resolve("shared.yaml");
        Files.writeString(config, """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: %1$s
                  otap:
                    endpoint: %1$s
                exporters:
                  duckdb:
                    path: go.duckdb
                service:
                  pipelines:
                    logs: {receivers: [otlp, otap], exporters: [duckdb]}
                    traces: {receivers: [otlp, otap], exporters: [duckdb]}
                    metrics: {receivers: [otlp, otap], exporters: [duckdb]}
                """.formatted(endpoint));
        CollectorProcess collector = CollectorProcess.start(jar, dir, "--config", config.toString());
        try {
            collector.awaitLine("is running", STARTUP);
        } catch (RuntimeException | Error | InterruptedException e) {
            collector.close();
            throw e;
        }
        return collector;
    }

    /** SIGTERM, then a clean exit that sealed every accepted row. */
    private static void stop(CollectorProcess collector) throws InterruptedException {
        collector.terminate();
        assertEquals(0, collector.awaitExit(Duration.ofSeconds(60)), collector.output());
        assertTrue(collector.output().contains("every accepted row was sealed"), collector.output());
    }

    private static void awaitLine(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + STARTUP + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tools.resolve("bin").resolve(tool).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, tool, ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(CLIENT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        assertTrue(exited && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + Files.readString(log));
    }

    private static long rows(Path database, String table, String service) throws Exception {
        return ((Number) DuckDbRows.query(database,
                "SELECT count(*) AS n FROM " + table + " WHERE service_name = '" + service + "'")
                .get(0).get("n")).longValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
