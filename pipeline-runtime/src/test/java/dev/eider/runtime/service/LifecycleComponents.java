package dev.eider.runtime.service;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.ExtensionContext;
import dev.eider.runtime.component.ExtensionFactory;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.component.ReceiverFactory;
import dev.eider.runtime.config.ComponentRegistry;
import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Components of every kind that record their lifecycle events in one shared journal, so tests
 * can check the start and stop order and error collection of the service.
 */
final class LifecycleComponents {
    /** Config of every test component: whether its start or shutdown should fail. */
    record Failures(boolean failStart, boolean failShutdown) {}

    final List<String> journal = new CopyOnWriteArrayList<>();
    final Map<ComponentId, ReceiverContext> receiverContexts = new ConcurrentHashMap<>();
    final Map<ComponentId, AtomicLong> exportedRows = new ConcurrentHashMap<>();

    ComponentRegistry registry() {
        return ComponentRegistry.of(Map.of("rx", new RxFactory()), Map.of("px", new PxFactory()),
                Map.of("ex", new ExFactory()), Map.of("xt", new XtFactory()));
    }

    private static Failures bindFailures(ConfigSection section) {
        return new Failures(section.bool("fail_start", false), section.bool("fail_shutdown", false));
    }

    /** Journals start/shutdown and fails them on request. */
    private class Recorded implements dev.eider.runtime.component.Component {
        final String name;
        final Failures failures;

        Recorded(String name, Failures failures) {
            this.name = name;
            this.failures = failures;
        }

        @Override
        public void start(Host host) {
            journal.add("start " + name);
            if (failures.failStart()) {
                throw new IllegalStateException(name + " refused to start");
            }
        }

        @Override
        public void shutdown() {
            journal.add("shutdown " + name);
            if (failures.failShutdown()) {
                throw new IllegalStateException(name + " failed to close");
            }
        }
    }

    private final class TestReceiver extends Recorded implements Receiver {
        TestReceiver(String name, Failures failures) {
            super(name, failures);
        }

        @Override
        public List<ListenerStatus> listeners() {
            return List.of(new ListenerStatus(name, "test", "test://" + name, "test://" + name, "localhost", 0,
                    0, 0, 0, true, null));
        }

        @Override
        public void stopListening() {
            journal.add("stopListening " + name);
        }
    }

    private final class TestExporter extends Recorded implements Exporter {
        private final AtomicLong rows;

        TestExporter(String name, Failures failures, AtomicLong rows) {
            super(name, failures);
            this.rows = rows;
        }

        @Override
        public SealTiming seal(Seal seal) {
            rows.addAndGet(seal.rowCount());
            return SealTiming.NONE;
        }
    }

    private final class TestProcessor extends Recorded implements Processor {
        TestProcessor(String name, Failures failures) {
            super(name, failures);
        }
    }

    private final class TestExtension extends Recorded implements Extension {
        TestExtension(String name, Failures failures) {
            super(name, failures);
        }
    }

    private final class RxFactory implements ReceiverFactory<Failures> {
        @Override
        public String type() {
            return "rx";
        }

        @Override
        public Failures bind(ConfigSection section) {
            return bindFailures(section);
        }

        @Override
        public Receiver create(ReceiverContext context, Failures config) {
            journal.add("create " + context.id());
            receiverContexts.put(context.id(), context);
            return new TestReceiver(context.id().toString(), config);
        }
    }

    private final class PxFactory implements ProcessorFactory<Failures> {
        @Override
        public String type() {
            return "px";
        }

        @Override
        public Failures bind(ConfigSection section) {
            return bindFailures(section);
        }

        @Override
        public Processor create(ProcessorContext context, Failures config) {
            return new TestProcessor(context.id() + "@" + context.pipelineId(), config);
        }
    }

    private final class ExFactory implements ExporterFactory<Failures> {
        @Override
        public String type() {
            return "ex";
        }

        @Override
        public Failures bind(ConfigSection section) {
            return bindFailures(section);
        }

        @Override
        public Exporter create(ExporterContext context, Failures config) {
            journal.add("create " + context.id());
            AtomicLong rows = exportedRows.computeIfAbsent(context.id(), k -> new AtomicLong());
            return new TestExporter(context.id().toString(), config, rows);
        }
    }

    private final class XtFactory implements ExtensionFactory<Failures> {
        @Override
        public String type() {
            return "xt";
        }

        @Override
        public Failures bind(ConfigSection section) {
            return bindFailures(section);
        }

        @Override
        public Extension create(ExtensionContext context, Failures config) {
            return new TestExtension(context.id().toString(), config);
        }
    }
}
