package dev.eider.bench;

import com.google.protobuf.Message;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.decode.OtlpJsonEncoder;
import dev.eider.receiver.otlp.decode.PayloadFormat;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OTLP body decoding into table batches: the large logs and traces benchmark inputs (bench/, which
 * the receivers build writes) as OTLP/protobuf and as the same requests in OTLP/JSON. Besides
 * decodes/s, the {@code records} and {@code bytes} counters report records/s and body bytes/s.
 * Payloads are read from {@code -Deider.generated.test.data} (default {@code target/test-data}: run
 * from the repository root).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@State(Scope.Benchmark)
public class OtlpDecoderBenchmark {
    @Param({"logs_large", "traces_large"})
    public String payload;

    @Param({"PROTOBUF", "JSON"})
    public PayloadFormat format;

    private Signal signal;
    private byte[] body;
    private long recordsPerBody;
    private RootAllocator allocator;
    private OtlpDecoder decoder;

    /** Per-thread totals that JMH turns into rates: records/s and bytes/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long records;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException, RejectedException {
        Path generated = Path.of(System.getProperty("eider.generated.test.data", "target/test-data"));
        byte[] protobuf = Files.readAllBytes(generated.resolve("bench/" + payload + ".pb"));
        signal = payload.startsWith("logs") ? Signal.LOGS : Signal.TRACES;
        Message request = signal == Signal.LOGS
                ? ExportLogsServiceRequest.parseFrom(protobuf)
                : ExportTraceServiceRequest.parseFrom(protobuf);
        body = format == PayloadFormat.PROTOBUF
                ? protobuf
                : OtlpJsonEncoder.encode(request).getBytes(StandardCharsets.UTF_8);
        allocator = new RootAllocator();
        decoder = new OtlpDecoder(allocator);
        try (TableBatches batches = decoder.decode(signal, format, body, 0, body.length)) {
            recordsPerBody = batches.rowCount();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        allocator.close();
    }

    @Benchmark
    public long decode(Throughput throughput) throws RejectedException {
        try (TableBatches batches = decoder.decode(signal, format, body, 0, body.length)) {
            throughput.records += recordsPerBody;
            throughput.bytes += body.length;
            return batches.rowCount();
        }
    }
}
