package dev.eider.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.config.ConfigLoader;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CollectorTest {
    private final LifecycleComponents components = new LifecycleComponents();
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    private Collector collector(String yaml) {
        return Collector.create(ConfigLoader.load("test.yaml", yaml, components.registry(), Map.<String, String>of()::get),
                allocator);
    }

    private static final String GRAPH = """
            receivers:
              rx:
            processors:
              px:
            exporters:
              ex/a:
              ex/b:
            extensions:
              xt:
            service:
              extensions: [xt]
              pipelines:
                logs: {receivers: [rx], processors: [px], exporters: [ex/a]}
                logs/copy: {receivers: [rx], exporters: [ex/b]}
                traces: {receivers: [rx], processors: [px], exporters: [ex/a, ex/b]}
            """;

    @Test
    void aSharedReceiverIsOneInstanceAndFansOutToEveryPipelineOfTheSignal() throws Exception {
        Collector collector = collector(GRAPH);
        collector.start();
        assertEquals(1, components.journal.stream().filter(e -> e.equals("create rx")).count());
        assertEquals(1, components.journal.stream().filter(e -> e.equals("create ex/a")).count(),
                "an exporter shared by pipelines is one instance");
        ReceiverContext rx = components.receiverContexts.get(ComponentId.of("rx"));
        assertTrue(rx.consumer(Signal.METRICS).isEmpty(), "no metrics pipeline lists rx");

        send(rx.consumer(Signal.LOGS).orElseThrow(), Table.LOGS, 3);
        send(rx.consumer(Signal.TRACES).orElseThrow(), Table.TRACES, 2);
        assertEquals("sealed", collector.flush(Optional.empty()).status());

        assertEquals(3 + 2, components.exportedRows.get(ComponentId.parse("ex/a")).get(), "logs + traces");
        assertEquals(3 + 2, components.exportedRows.get(ComponentId.parse("ex/b")).get(), "logs/copy + traces");
        assertEquals(3, collector.pipelines().size());
        assertTrue(collector.stop().clean());
    }

    @Test
    void startsExtensionsExportersProcessorsReceiversAndStopsInReverse() throws Exception {
        Collector collector = collector(GRAPH);
        components.journal.clear();
        collector.start();
        assertTrue(collector.stop().clean());
        List<String> lifecycle = components.journal.stream().filter(e -> !e.startsWith("create")).toList();
        assertEquals(List.of(
                "start xt", "start ex/a", "start ex/b", "start px@logs", "start px@traces", "start rx",
                "stopListening rx", "shutdown rx", "shutdown px@logs", "shutdown px@traces",
                "shutdown ex/a", "shutdown ex/b", "shutdown xt"), lifecycle);
    }

    @Test
    void stopCollectsEveryErrorAndStillClosesEverything() throws Exception {
        Collector collector = collector(GRAPH.replace("ex/b:", "ex/b: {fail_shutdown: true}")
                .replace("  px:", "  px: {fail_shutdown: true}"));
        collector.start();
        StopReport report = collector.stop();
        assertFalse(report.clean());
        assertEquals(3, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("ex/b") && p.contains("failed to close")));
        assertTrue(components.journal.contains("shutdown xt"), "extensions still close after exporter errors");
        assertFalse(report.rowsLost());
        assertTrue(report == collector.stop(), "stop is idempotent");
    }

    @Test
    void aFailedStartStopsWhatStartedAndReportsTheProblem() {
        Collector collector = collector(GRAPH.replace("ex/b:", "ex/b: {fail_start: true}"));
        CollectorStartException e = assertThrows(CollectorStartException.class, collector::start);
        assertTrue(e.getMessage().contains("exporter ex/b: ex/b refused to start"), e.getMessage());
        assertFalse(components.journal.contains("start rx"), "receivers never start after a failed exporter");
        assertTrue(components.journal.contains("shutdown xt"));
        assertTrue(components.journal.contains("shutdown ex/a"));
    }

    @Test
    void stopReceiverClosesItsListenerAndUnknownIdsAnswerNothing() throws Exception {
        Collector collector = collector(GRAPH);
        collector.start();
        assertEquals(List.of("test://rx"), collector.stopReceiver("rx"));
        assertTrue(components.journal.contains("stopListening rx"));
        assertEquals(List.of(), collector.stopReceiver("nope"));
        assertThrows(IllegalArgumentException.class, () -> collector.flush(Optional.of("metrics")));
        assertTrue(collector.stop().clean());
    }

    private void send(SignalConsumer consumer, Table table, int rows) throws Exception {
        Admission admission = consumer.admit(100);
        TableBatchBuilder builder = new TableBatchBuilder(table, allocator);
        for (int i = 0; i < rows; i++) {
            builder.startRow();
        }
        consumer.consume(admission, TableBatches.of(List.of(builder.build())));
    }
}
