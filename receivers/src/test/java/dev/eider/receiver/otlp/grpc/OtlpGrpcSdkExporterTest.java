package dev.eider.receiver.otlp.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.Table;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OpenTelemetry Java SDK's OTLP/gRPC exporters (their own HTTP/2 client, not grpc-java)
 * delivering all three signals, authenticated either way the wire contract allows.
 */
class OtlpGrpcSdkExporterTest {
    private static final String TOKEN = "sdk-token";

    private final BufferAllocator allocator = new RootAllocator();
    private final TokenCheckingConsumer logs = new TokenCheckingConsumer(Signal.LOGS, TOKEN);
    private final TokenCheckingConsumer traces = new TokenCheckingConsumer(Signal.TRACES, TOKEN);
    private final TokenCheckingConsumer metrics = new TokenCheckingConsumer(Signal.METRICS, TOKEN);
    private OtlpGrpcServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = new OtlpGrpcServer("otlp", new Endpoint("localhost", 0), 16 * 1024 * 1024, Optional.empty(),
                Map.of(Signal.LOGS, logs, Signal.TRACES, traces, Signal.METRICS, metrics), new OtlpDecoder(allocator));
        server.start();
        url = "http://localhost:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
        allocator.close();
    }

    @ParameterizedTest
    @CsvSource({
        "Authorization, Bearer sdk-token, none",
        "x-api-key, sdk-token, gzip",
    })
    void exportersDeliverEverySignal(String header, String value, String compression) {
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
                        .setEndpoint(url).addHeader(header, value).setCompression(compression).build()))
                .build()) {
            Tracer tracer = tracing.get("grpc-test");
            for (int i = 0; i < 3; i++) {
                Span span = tracer.spanBuilder("op-" + i).startSpan();
                span.end();
            }
            assertSucceeded(tracing.forceFlush());
        }
        try (SdkLoggerProvider logging = SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpGrpcLogRecordExporter.builder()
                        .setEndpoint(url).addHeader(header, value).setCompression(compression).build()))
                .build()) {
            for (int i = 0; i < 4; i++) {
                logging.get("grpc-test").logRecordBuilder().setBody("record " + i).emit();
            }
            assertSucceeded(logging.forceFlush());
        }
        try (SdkMeterProvider metering = SdkMeterProvider.builder()
                .registerMetricReader(PeriodicMetricReader.builder(OtlpGrpcMetricExporter.builder()
                                .setEndpoint(url).addHeader(header, value).setCompression(compression).build())
                        .setInterval(Duration.ofHours(1))
                        .build())
                .build()) {
            var meter = metering.get("grpc-test");
            meter.counterBuilder("requests").build().add(5, Attributes.of(AttributeKey.stringKey("route"), "/a"));
            meter.histogramBuilder("latency").build().record(12.5);
            assertSucceeded(metering.forceFlush());
            // Checked before close: closing the provider exports the cumulative points again.
            assertEquals(1, metrics.rows(Table.METRICS_SUM));
            assertEquals(1, metrics.rows(Table.METRICS_HISTOGRAM));
            assertEquals(9, server.status().totalRows());
        }
        assertEquals(3, traces.rows(Table.TRACES));
        assertEquals(4, logs.rows(Table.LOGS));
    }

    private static void assertSucceeded(CompletableResultCode result) {
        assertTrue(result.join(30, TimeUnit.SECONDS).isSuccess(), "export did not succeed");
    }
}
