package dev.eider.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.distribution.CollectorCli;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import dev.eider.runtime.testkit.ConfigBinding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

class CustomDistributionTest {
    @Test
    void componentsListsTheStandardComponentsAndTheExtraProcessor() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new CollectorCli(DaggerCustomDistribution.create(), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, Map.<String, String>of()::get).run(new String[] {"components"});
        assertEquals(0, code);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*\\n  severity_filter +development\\n.*"), text);
        assertTrue(text.contains("  otlp "), text);
        assertTrue(text.contains("  duckdb "), text);
    }

    @Test
    void aConfigUsingTheExtraProcessorValidates() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CollectorCli cli = new CollectorCli(DaggerCustomDistribution.create(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get);
        java.nio.file.Path config = writeConfig("""
                receivers: {otlp: {protocols: {http: {endpoint: "localhost:0"}}}}
                processors: {severity_filter: {min_severity_number: 13}}
                exporters: {duckdb: {path: ":memory:"}}
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [severity_filter], exporters: [duckdb]}
                """);
        assertEquals(0, cli.run(new String[] {"validate", "--config", config.toString()}), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFilterKeepsRowsAtOrAboveTheSeverityAndRowsWithoutOne() throws Exception {
        SeverityFilterConfig config = ConfigBinding.bind(new SeverityFilterFactory(), "min_severity_number: 13");
        assertEquals(Set.of("min_severity_number"), ConfigBinding.knownKeys(new SeverityFilterFactory()));
        try (BufferAllocator allocator = new RootAllocator()) {
            int severity = Table.LOGS.columnIndex("severity_number");
            TableBatchBuilder builder = new TableBatchBuilder(Table.LOGS, allocator);
            for (Integer s : new Integer[] {9, 13, null, 17, 5}) {
                builder.startRow();
                if (s != null) {
                    builder.setInt(severity, s);
                }
            }
            try (TableBatches kept = new SeverityFilter(config.minSeverityNumber())
                    .process(TableBatches.of(List.of(builder.build())))) {
                IntVector column = (IntVector) kept.batches().get(0).root().getVector(severity);
                assertEquals(3, column.getValueCount());
                assertEquals(13, column.get(0));
                assertTrue(column.isNull(1));
                assertEquals(17, column.get(2));
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    private static java.nio.file.Path writeConfig(String yaml) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("custom", ".yaml");
            java.nio.file.Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
