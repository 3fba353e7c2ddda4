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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Go clients against the real collector.jar, with the otlp receiver's grpc protocol and the
 * otap receiver sharing one port: telemetrygen sends OTLP/gRPC, otap-producer sends OTAP streams
 * with otel-arrow's own Go producer. The tools come from scripts/build-otel-tools.sh, which the
 * distribution build runs before the integration tests.
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
        int port = freePort();
        String endpoint = "127.0.0.1:" + port;
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
        try (CollectorProcess collector = CollectorProcess.start(jar, dir, "--config", config.toString())) {
            collector.awaitLine("is running", STARTUP);

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

            collector.terminate();
            assertEquals(0, collector.awaitExit(Duration.ofSeconds(60)), collector.output());
            assertTrue(collector.output().contains("every accepted row was sealed"), collector.output());
        }
        Path database = dir.resolve("go.duckdb");
        assertEquals(25, rows(database, "otlp_logs", "tg-logs"));
        assertEquals(10 * 3, rows(database, "otlp_traces", "tg-traces"), "each trace is a root span and two children");
        assertEquals(15, rows(database, "otlp_metrics_gauge", "tg-metrics"));
        assertEquals(21, rows(database, "otlp_logs", "otap-logs"));
        assertEquals(21, rows(database, "otlp_traces", "otap-traces"));
        assertEquals(21, rows(database, "otlp_metrics_gauge", "otap-metrics"));
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tools.resolve("bin").resolve(tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean exited = process.waitFor(CLIENT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + new String(output));
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
