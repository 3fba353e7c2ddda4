package dev.eider.exporter.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.seal.AckMode;
import dev.eider.runtime.seal.Durability;
import dev.eider.runtime.seal.ExporterWriter;
import dev.eider.runtime.seal.PipelineBuffer;
import dev.eider.runtime.seal.SealHistory;
import dev.eider.runtime.seal.SealSettings;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import dev.eider.runtime.testkit.StubHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parquet exporter under the real seal engine with {@code ack: durable}: a collector that
 * sealed and then died before its log was truncated replays the log at the next start, and the
 * files end up exactly as after the one seal.
 */
class ParquetDurableReplayTest {
    private static final SealSettings SLOW = new SealSettings(64L << 20, Duration.ofHours(1), 128L << 20);

    @TempDir
    Path dir;

    @Test
    void aSealReplayedAfterACrashBeforeLogTruncationLeavesTheSameFilesAndRows() throws Exception {
        Path out = dir.resolve("parquet");
        Durability durable = new Durability(AckMode.DURABLE, dir.resolve("wal"), 64L << 20, 1L << 20);
        try (RootAllocator root = new RootAllocator()) {
            BufferAllocator pipeline = root.newChildAllocator("pipeline", 0, Long.MAX_VALUE);
            BufferAllocator exporter = root.newChildAllocator("exporter", 0, Long.MAX_VALUE);

            Map<String, Long> afterOneSeal;
            try (Collector first = new Collector(out, durable, pipeline, exporter)) {
                first.accept(Rows.batch(Table.LOGS, pipeline, 0, 3));
                first.accept(Rows.batch(Table.LOGS, pipeline, 3, 2), Rows.batch(Table.TRACES, pipeline, 0, 2));
                assertNull(first.buffer.flush().error());
                afterOneSeal = rowsPerFile(out);
                // Logged but not sealed: replay must not fold it into a re-cut copy of the seal above.
                first.accept(Rows.batch(Table.LOGS, pipeline, 11, 1));
                // Closing keeps the log's active segment: a restart now is a crash before truncation.
            }
            assertEquals(7, afterOneSeal.values().stream().mapToLong(Long::longValue).sum(), afterOneSeal.toString());

            try (Collector second = new Collector(out, durable, pipeline, exporter)) {
                assertEquals(8, second.buffer.status().bufferedRows(), "the seal's and the later records are replayed");
                assertNull(second.buffer.flush().error());
                Map<String, Long> afterReplay = rowsPerFile(out);
                Map<String, Long> ofTheSeal = new TreeMap<>(afterReplay);
                ofTheSeal.keySet().retainAll(afterOneSeal.keySet());
                assertEquals(afterOneSeal, ofTheSeal, "the seal's files, overwritten with the same rows");
                afterReplay.keySet().removeAll(afterOneSeal.keySet());
                assertEquals(Map.of("otlp_logs/year=2023/month=11/day=25/logs-wal-2-3_0.parquet", 1L), afterReplay,
                        "the later record in a seal of its own");
            }
            exporter.close();
            pipeline.close();
        }
    }

    /** Each file under {@code out} (relative path) with its row count. */
    private static Map<String, Long> rowsPerFile(Path out) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = db.createStatement()) {
            for (Path file : files) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
                    count.next();
                    rows.put(out.relativize(file).toString(), count.getLong(1));
                }
            }
        }
        return rows;
    }

    /** One pipeline ({@code logs}) sealing into one parquet exporter, as a collector runs them. */
    private static final class Collector implements AutoCloseable {
        final ParquetExporter exporter;
        final ExporterWriter writer;
        final PipelineBuffer buffer;

        Collector(Path out, Durability durability, BufferAllocator pipeline, BufferAllocator exporterAllocator)
                throws Exception {
            exporter = new ParquetExporter(ComponentId.parse("parquet"), exporterAllocator,
                    new ParquetConfig(out.toString(), Optional.empty()));
            exporter.start(new StubHost());
            writer = new ExporterWriter(ComponentId.parse("parquet"), exporter);
            writer.start();
            buffer = new PipelineBuffer("logs", SLOW, durability, List.of(writer), new SealHistory(),
                    Duration.ofSeconds(30), pipeline, 0);
            buffer.start();
        }

        void accept(TableBatch... batches) throws Exception {
            Admission admission = buffer.admit(1024);
            buffer.add(admission, TableBatches.of(List.of(batches)));
        }

        @Override
        public void close() throws SQLException {
            buffer.close();
            writer.stop();
            exporter.shutdown();
        }
    }
}
