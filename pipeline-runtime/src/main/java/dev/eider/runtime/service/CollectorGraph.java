package dev.eider.runtime.service;

import dev.eider.runtime.component.BufferingProcessor;
import dev.eider.runtime.component.ColumnPromotingProcessor;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.ExtensionContext;
import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.config.BoundComponent;
import dev.eider.runtime.config.CollectorConfig;
import dev.eider.runtime.config.PipelineConfig;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.seal.ExporterWriter;
import dev.eider.runtime.seal.Durability;
import dev.eider.runtime.seal.PipelineBuffer;
import dev.eider.runtime.seal.SealHistory;
import dev.eider.runtime.seal.SealSettings;
import dev.eider.runtime.table.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The component instances of one collector and how they connect: one instance per receiver and
 * exporter id however many pipelines share it, processors per pipeline, one writer per exporter.
 */
record CollectorGraph(
        Map<ComponentId, Extension> extensions,
        Map<ComponentId, Exporter> exporters,
        Map<ComponentId, ExporterWriter> writers,
        List<PipelineNode> pipelines,
        Map<ComponentId, Receiver> receivers,
        Map<ComponentId, List<PipelineNode>> pipelinesByReceiver) {

    private static final System.Logger LOG = System.getLogger(CollectorGraph.class.getName());

    /** One pipeline: its processors (in order, with their ids) and its consumer. */
    record PipelineNode(String id, PipelineConfig config, List<ComponentId> processorIds,
                        List<Processor> processors, PipelineConsumer consumer) {}

    List<PipelineNode> pipelinesFedBy(ComponentId receiverId) {
        return pipelinesByReceiver.getOrDefault(receiverId, List.of());
    }

    static CollectorGraph build(CollectorConfig config, BufferAllocator allocator, SealHistory history) {
        Map<ComponentId, Extension> extensions = new LinkedHashMap<>();
        for (ComponentId id : config.serviceExtensions()) {
            extensions.put(id, createExtension(config.extensions().get(id)));
        }

        // Processors are created first: the columns they promote are part of what an exporter is created with.
        Map<String, List<Processor>> processorsByPipeline = new LinkedHashMap<>();
        for (PipelineConfig p : config.pipelines()) {
            processorsByPipeline.put(p.id(), createProcessors(config, p));
        }

        Map<ComponentId, Exporter> exporters = new LinkedHashMap<>();
        Map<ComponentId, ExporterWriter> writers = new LinkedHashMap<>();
        for (PipelineConfig p : config.pipelines()) {
            for (ComponentId id : p.exporters()) {
                if (!exporters.containsKey(id)) {
                    List<Column> extraColumns = promotedColumns(config.pipelines().stream()
                            .filter(q -> q.exporters().contains(id))
                            .flatMap(q -> processorsByPipeline.get(q.id()).stream())
                            .toList());
                    Exporter exporter = createExporter(config.exporters().get(id), allocator, extraColumns);
                    exporters.put(id, exporter);
                    writers.put(id, new ExporterWriter(id, exporter));
                }
            }
        }

        List<PipelineNode> pipelines = new ArrayList<>();
        Map<ComponentId, List<PipelineNode>> byReceiver = new LinkedHashMap<>();
        for (PipelineConfig p : config.pipelines()) {
            PipelineNode node = buildPipeline(p, processorsByPipeline.get(p.id()), writers, history, allocator);
            pipelines.add(node);
            for (ComponentId r : p.receivers()) {
                byReceiver.computeIfAbsent(r, k -> new ArrayList<>()).add(node);
            }
        }

        Map<ComponentId, Receiver> receivers = new LinkedHashMap<>();
        for (var e : byReceiver.entrySet()) {
            receivers.put(e.getKey(), createReceiver(config.receivers().get(e.getKey()),
                    consumersBySignal(e.getValue()), allocator));
        }
        return new CollectorGraph(extensions, exporters, writers, pipelines, receivers, byReceiver);
    }

    private static List<Processor> createProcessors(CollectorConfig config, PipelineConfig p) {
        return p.processors().stream().map(id -> createProcessor(config.processors().get(id), p)).toList();
    }

    /**
     * The columns {@code processors} promote, in first-appearance order; names that differ only in
     * case are one column (DuckDB compares names case-insensitively, and the processors add a
     * column a batch already has only once).
     */
    private static List<Column> promotedColumns(List<Processor> processors) {
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Processor processor : processors) {
            if (processor instanceof ColumnPromotingProcessor promoting) {
                promoting.addedColumns().forEach(c -> byName.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c));
            }
        }
        return List.copyOf(byName.values());
    }

    private static PipelineNode buildPipeline(PipelineConfig p, List<Processor> processors,
                                              Map<ComponentId, ExporterWriter> writers, SealHistory history,
                                              BufferAllocator allocator) {
        SealSettings settings = null;
        Durability durability = Durability.BUFFERED;
        for (Processor processor : processors) {
            if (processor instanceof BufferingProcessor buffering) {
                settings = buffering.sealSettings();
                durability = buffering.durability();
            }
        }
        if (settings == null) {
            LOG.log(System.Logger.Level.INFO, "pipeline " + p.id()
                    + " has no batch processor; buffering with the default seal settings");
            settings = SealSettings.DEFAULTS;
        }
        List<ExporterWriter> pipelineWriters = p.exporters().stream().map(writers::get).toList();
        PipelineBuffer buffer = new PipelineBuffer(p.id(), settings, durability, pipelineWriters, history,
                PipelineBuffer.DEFAULT_FLUSH_TIMEOUT, allocator, promotedColumns(processors).size());
        PipelineConsumer consumer = new PipelineConsumer(p.id(), p.signal(), processors, buffer);
        return new PipelineNode(p.id(), p, p.processors(), processors, consumer);
    }

    private static Map<Signal, SignalConsumer> consumersBySignal(List<PipelineNode> nodes) {
        Map<Signal, List<PipelineConsumer>> grouped = new LinkedHashMap<>();
        for (PipelineNode n : nodes) {
            grouped.computeIfAbsent(n.config().signal(), k -> new ArrayList<>()).add(n.consumer());
        }
        Map<Signal, SignalConsumer> out = new LinkedHashMap<>();
        grouped.forEach((signal, list) ->
                out.put(signal, list.size() == 1 ? list.get(0) : new FanOutConsumer(signal, list)));
        return out;
    }

    private static Extension createExtension(BoundComponent<?> bound) {
        ExtensionContext context = bound::id;
        return bound.createExtension(context);
    }

    private static Exporter createExporter(BoundComponent<?> bound, BufferAllocator allocator,
                                           List<Column> extraColumns) {
        return bound.createExporter(new ExporterContext() {
            @Override
            public ComponentId id() {
                return bound.id();
            }

            @Override
            public BufferAllocator allocator() {
                return allocator;
            }

            @Override
            public List<Column> extraColumns() {
                return extraColumns;
            }
        });
    }

    private static Processor createProcessor(BoundComponent<?> bound, PipelineConfig pipeline) {
        return bound.createProcessor(new ProcessorContext() {
            @Override
            public ComponentId id() {
                return bound.id();
            }

            @Override
            public String pipelineId() {
                return pipeline.id();
            }

            @Override
            public Signal signal() {
                return pipeline.signal();
            }
        });
    }

    private static Receiver createReceiver(BoundComponent<?> bound, Map<Signal, SignalConsumer> consumers,
                                           BufferAllocator allocator) {
        return bound.createReceiver(new ReceiverContext() {
            @Override
            public ComponentId id() {
                return bound.id();
            }

            @Override
            public Optional<SignalConsumer> consumer(Signal signal) {
                return Optional.ofNullable(consumers.get(signal));
            }

            @Override
            public BufferAllocator allocator() {
                return allocator;
            }
        });
    }
}
