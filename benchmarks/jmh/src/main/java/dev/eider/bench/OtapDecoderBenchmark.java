package dev.eider.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.eider.receiver.otap.decode.OtapDecodeException;
import dev.eider.receiver.otap.decode.OtapStreamDecoder;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 * OTAP message decoding into table batches: the initial messages of test-data/otap (written by
 * otel-arrow's Go producer), from the BatchArrowRecords bytes to rows. Each invocation uses a fresh
 * stream decoder, because an initial message carries the Arrow schemas a stream starts with.
 * Besides decodes/s, the {@code records} and {@code bytes} counters report rows/s and message
 * bytes/s. Messages are read from {@code -Deider.test.data} (default {@code test-data}: run from the
 * repository root).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@State(Scope.Benchmark)
public class OtapDecoderBenchmark {
    /** The receiver's default per-stream Arrow limit (4 x the default max_body_bytes of 16 MiB). */
    private static final long ARROW_LIMIT = 64L << 20;

    @Param({"LOGS", "TRACES", "METRICS"})
    public Signal signal;

    private byte[] message;
    private long recordsPerMessage;
    private RootAllocator allocator;
    private OtlpDecoder rows;

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
    public void load() throws IOException, OtapDecodeException {
        Path testData = Path.of(System.getProperty("eider.test.data", "test-data"));
        String file = signal.name().toLowerCase(Locale.ROOT) + "-initial.bar";
        message = Files.readAllBytes(testData.resolve("otap/" + file));
        allocator = new RootAllocator();
        rows = new OtlpDecoder(allocator);
        try (TableBatches batches = decodeOnce()) {
            recordsPerMessage = batches.rowCount();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        allocator.close();
    }

    @Benchmark
    public long decode(Throughput throughput) throws OtapDecodeException, InvalidProtocolBufferException {
        try (TableBatches batches = decodeOnce()) {
            throughput.records += recordsPerMessage;
            throughput.bytes += message.length;
            return batches.rowCount();
        }
    }

    private TableBatches decodeOnce() throws OtapDecodeException, InvalidProtocolBufferException {
        try (OtapStreamDecoder stream = new OtapStreamDecoder(signal, rows, ARROW_LIMIT)) {
            return stream.decode(BatchArrowRecords.parseFrom(message));
        }
    }
}
