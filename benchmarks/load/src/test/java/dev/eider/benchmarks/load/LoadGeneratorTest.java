package dev.eider.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {

    @Test
    void syntheticLogsHoldTheAskedRecordsAtAboutTheAskedSize() throws Exception {
        byte[] request = SyntheticLogs.request(200, 1000, 1);
        assertEquals(200, Signal.LOGS.countRecords(request));
        double perRecord = request.length / 200.0;
        assertTrue(perRecord > 900 && perRecord < 1100, "bytes per record " + perRecord);
    }

    @Test
    void countsAcceptedAndPartiallyRejectedRecordsAgainstARealServer() throws Exception {
        var server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        var gzipBodies = new AtomicLong();
        byte[] partial = ExportLogsServiceResponse.newBuilder()
                .setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(3))
                .build()
                .toByteArray();
        server.createContext("/v1/logs", exchange -> {
            byte[] body = new GZIPInputStream(exchange.getRequestBody()).readAllBytes();
            if (Signal.LOGS.countRecords(body) == 10 && "Bearer t".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                gzipBodies.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, partial.length);
            exchange.getResponseBody().write(partial);
            exchange.close();
        });
        server.start();
        try {
            var payload = Payload.of(Signal.LOGS, SyntheticLogs.request(10, 200, 1), true);
            var config = new LoadConfig("http", "localhost", server.getAddress().getPort(), Map.of("Authorization", "Bearer t"),
                    payload, 2_000, 2, Duration.ZERO, Duration.ofSeconds(1));
            var sender = new HttpSender(URI.create("http://localhost:" + server.getAddress().getPort()), config.headers());
            var result = new LoadRun(config, sender).run();
            var total = result.total();
            assertTrue(total.requests > 10, "requests " + total.requests);
            assertEquals(total.requests, gzipBodies.get());
            assertEquals(total.requests * 7, total.acceptedRecords);
            assertEquals(total.requests * 3, total.rejectedRecords);
            assertEquals(Map.of("200", total.requests), total.statuses);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void countsTheRecordsOfALengthPrefixedOtlpFile(@TempDir Path dir) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        for (int records : new int[] {5, 7}) {
            byte[] message = SyntheticLogs.request(records, 300, records);
            out.writeInt(message.length);
            out.write(message);
        }
        Path file = dir.resolve("logs.pb");
        Files.write(file, bytes.toByteArray());
        assertEquals(12, CountRecords.otlpFile(file, Signal.LOGS));
    }
}
