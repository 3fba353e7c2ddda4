package dev.eider.runtime.service;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.config.CollectorConfig;
import dev.eider.runtime.seal.ExporterWriter;
import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.seal.PipelineBuffer;
import dev.eider.runtime.seal.PipelineStatus;
import dev.eider.runtime.seal.RowsLostException;
import dev.eider.runtime.seal.SealHistory;
import dev.eider.runtime.seal.SealRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A running collector: the component graph built from a validated config, started in the order
 * extensions, exporters, processors, receivers and stopped in reverse. It is the {@link Host}
 * extensions (the admin API) see.
 */
public final class Collector implements Host {
    private static final System.Logger LOG = System.getLogger(Collector.class.getName());
    /** How long a graceful stop waits for the final seals before it reports rows as lost. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final CollectorGraph graph;
    private final SealHistory history;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Object lifecycleLock = new Object();
    private boolean started;
    private StopReport stopReport;

    private Collector(CollectorGraph graph, SealHistory history) {
        this.graph = graph;
        this.history = history;
    }

    /** Creates every component of the config (nothing is started or bound yet). */
    public static Collector create(CollectorConfig config, BufferAllocator allocator) {
        SealHistory history = new SealHistory();
        return new Collector(CollectorGraph.build(config, allocator, history), history);
    }

    /**
     * Starts extensions, exporters (opening targets), processors and receivers, in that order.
     * If one fails, what was started is stopped again and the failure is thrown.
     */
    public void start() throws CollectorStartException {
        synchronized (lifecycleLock) {
            if (started) {
                return;
            }
            started = true;
            ProblemLog startProblems = new ProblemLog();
            startAll(startProblems);
            if (!startProblems.isEmpty()) {
                StopReport rollback = stopNow();
                List<String> all = new ArrayList<>(startProblems.problems());
                all.addAll(rollback.problems());
                throw new CollectorStartException(all);
            }
        }
    }

    private void startAll(ProblemLog problems) {
        for (var e : graph.extensions().entrySet()) {
            problems.attempt("extension " + e.getKey(), () -> e.getValue().start(this));
            if (!problems.isEmpty()) {
                return;
            }
        }
        for (var e : graph.exporters().entrySet()) {
            problems.attempt("exporter " + e.getKey(), () -> e.getValue().start(this));
        }
        if (!problems.isEmpty()) {
            return;
        }
        graph.writers().values().forEach(ExporterWriter::start);
        for (CollectorGraph.PipelineNode p : graph.pipelines()) {
            problems.attempt("pipeline " + p.id(), () -> p.consumer().buffer().start());
            for (int i = 0; i < p.processors().size(); i++) {
                Processor processor = p.processors().get(i);
                problems.attempt("processor " + p.processorIds().get(i) + " in pipeline " + p.id(),
                        () -> processor.start(this));
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        for (var e : graph.receivers().entrySet()) {
            problems.attempt("receiver " + e.getKey(), () -> e.getValue().start(this));
        }
    }

    /** Blocks until a stop is requested (admin shutdown, or {@link #requestShutdown()}). */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /**
     * The graceful stop of docs/seal-contract.md rule 8: receivers stop listening (in-flight
     * requests finish), every buffer seals what was accepted, then processors, exporters and
     * extensions close. Errors are collected, never short-circuited. Idempotent: later calls
     * return the first report.
     */
    public StopReport stop() {
        synchronized (lifecycleLock) {
            if (stopReport == null) {
                stopReport = stopNow();
                stopRequested.countDown();
            }
            return stopReport;
        }
    }

    private StopReport stopNow() {
        ProblemLog problems = new ProblemLog();
        boolean[] lost = {false};
        for (var e : graph.receivers().entrySet()) {
            problems.attempt("receiver " + e.getKey(), e.getValue()::stopListening);
        }
        for (CollectorGraph.PipelineNode p : graph.pipelines()) {
            problems.attempt("pipeline " + p.id() + " final seal", () -> {
                try {
                    p.consumer().buffer().drain(DRAIN_TIMEOUT);
                } catch (RowsLostException e) {
                    lost[0] = true;
                    throw e;
                }
            });
        }
        for (var e : graph.receivers().entrySet()) {
            problems.attempt("receiver " + e.getKey(), e.getValue()::shutdown);
        }
        for (CollectorGraph.PipelineNode p : graph.pipelines()) {
            for (int i = 0; i < p.processors().size(); i++) {
                Processor processor = p.processors().get(i);
                problems.attempt("processor " + p.processorIds().get(i) + " in pipeline " + p.id(),
                        processor::shutdown);
            }
            problems.attempt("pipeline " + p.id(), () -> p.consumer().buffer().close());
        }
        for (var e : graph.writers().entrySet()) {
            problems.attempt("exporter " + e.getKey() + " writer", e.getValue()::stop);
        }
        for (var e : graph.exporters().entrySet()) {
            problems.attempt("exporter " + e.getKey(), e.getValue()::shutdown);
        }
        List<Map.Entry<ComponentId, Extension>> extensions = new ArrayList<>(graph.extensions().entrySet());
        for (int i = extensions.size() - 1; i >= 0; i--) {
            var e = extensions.get(i);
            problems.attempt("extension " + e.getKey(), e.getValue()::shutdown);
        }
        StopReport report = new StopReport(problems.problems(), lost[0]);
        LOG.log(System.Logger.Level.INFO, report.clean() ? "collector stopped cleanly"
                : "collector stopped with problems: " + report.problems());
        return report;
    }

    @Override
    public List<ListenerStatus> receivers() {
        List<ListenerStatus> out = new ArrayList<>();
        for (Receiver r : graph.receivers().values()) {
            out.addAll(r.listeners());
        }
        return out;
    }

    @Override
    public List<PipelineStatus> pipelines() {
        List<PipelineStatus> out = new ArrayList<>();
        for (CollectorGraph.PipelineNode p : graph.pipelines()) {
            out.add(p.consumer().buffer().status());
        }
        return out;
    }

    @Override
    public List<SealRecord> seals() {
        return history.snapshot();
    }

    @Override
    public Map<String, QueryTarget> queryTargets() {
        Map<String, QueryTarget> out = new LinkedHashMap<>();
        graph.exporters().forEach((id, exporter) -> {
            if (exporter instanceof QueryTarget target) {
                out.put(id.toString(), target);
            }
        });
        return out;
    }

    @Override
    public boolean ready() {
        for (CollectorGraph.PipelineNode p : graph.pipelines()) {
            if (!p.consumer().buffer().ready()) {
                return false;
            }
        }
        return true;
    }

    /** Flushes one pipeline or all; an unknown pipeline id throws IllegalArgumentException. */
    @Override
    public FlushResult flush(Optional<String> pipelineId) {
        List<CollectorGraph.PipelineNode> targets = new ArrayList<>();
        for (CollectorGraph.PipelineNode p : graph.pipelines()) {
            if (pipelineId.isEmpty() || pipelineId.get().equals(p.id())) {
                targets.add(p);
            }
        }
        if (pipelineId.isPresent() && targets.isEmpty()) {
            throw new IllegalArgumentException("no pipeline with id '" + pipelineId.get() + "'");
        }
        return flushAll(targets);
    }

    private static FlushResult flushAll(List<CollectorGraph.PipelineNode> targets) {
        long sealedRows = 0;
        long sealsTotal = 0;
        String error = null;
        for (CollectorGraph.PipelineNode p : targets) {
            FlushResult r = p.consumer().buffer().flush();
            sealedRows += r.sealedRows();
            sealsTotal += r.sealsTotal();
            if (error == null && r.error() != null) {
                error = p.id() + ": " + r.error();
            }
        }
        return new FlushResult(error == null ? "sealed" : "failed", sealedRows, sealsTotal, error);
    }

    @Override
    public List<String> stopReceiver(String receiverId) {
        ComponentId id;
        try {
            id = ComponentId.parse(receiverId);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        Receiver receiver = graph.receivers().get(id);
        if (receiver == null) {
            return List.of();
        }
        List<String> uris = new ArrayList<>();
        for (ListenerStatus l : receiver.listeners()) {
            if (l.isListening()) {
                uris.add(l.listenUri());
            }
        }
        receiver.stopListening();
        flushAll(graph.pipelinesFedBy(id));
        return uris;
    }

    @Override
    public void requestShutdown() {
        stopRequested.countDown();
    }

    /** The ids of the components of one kind that this collector runs, in start order. */
    public List<ComponentId> componentIds(ComponentKind kind) {
        return switch (kind) {
            case EXTENSION -> List.copyOf(graph.extensions().keySet());
            case EXPORTER -> List.copyOf(graph.exporters().keySet());
            case RECEIVER -> List.copyOf(graph.receivers().keySet());
            case PROCESSOR -> graph.pipelines().stream().flatMap(p -> p.processorIds().stream()).distinct().toList();
        };
    }
}
