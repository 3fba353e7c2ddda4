package dev.eider.runtime.config;

import dev.eider.runtime.component.ComponentFactory;
import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.ExtensionContext;
import dev.eider.runtime.component.ExtensionFactory;
import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.component.ReceiverFactory;
import dev.eider.runtime.pipeline.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small factories of each kind, binding the way real components do, for the config tests. */
final class TestFactories {
    private TestFactories() {}

    static ComponentRegistry registry() {
        return ComponentRegistry.of(
                Map.of("socket", new SocketReceiverFactory(), "multi", new MultiReceiverFactory(), "logfile", new LogFileReceiverFactory(),
                        "arrow", new ArrowReceiverFactory()),
                Map.of("filter", new FilterProcessorFactory(), "buffer", new BufferProcessorFactory()),
                Map.of("store", new StoreExporterFactory()),
                Map.of("status", new StatusExtensionFactory()));
    }

    record SocketConfig(Endpoint endpoint, long maxBodyBytes) {}

    /** A receiver with one listener. */
    static final class SocketReceiverFactory implements ReceiverFactory<SocketConfig> {
        @Override
        public String type() {
            return "socket";
        }

        @Override
        public SocketConfig bind(ConfigSection section) {
            boolean other = section.bool("allow_other_hostname", false);
            return new SocketConfig(Endpoint.read(section, "endpoint", "localhost:4318", other),
                    section.size("max_body_bytes", 4L << 20));
        }

        @Override
        public List<String> endpoints(SocketConfig config) {
            return List.of(config.endpoint().toString());
        }

        @Override
        public Receiver create(ReceiverContext context, SocketConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    record ArrowConfig(Endpoint endpoint, String sharedAs) {}

    /**
     * A gRPC receiver whose endpoint other gRPC receivers may share, as the otap receiver's;
     * {@code shared_as} stands for the settings a shared server has once (the otap receiver's TLS).
     */
    static final class ArrowReceiverFactory implements ReceiverFactory<ArrowConfig> {
        @Override
        public String type() {
            return "arrow";
        }

        @Override
        public ArrowConfig bind(ConfigSection section) {
            boolean other = section.bool("allow_other_hostname", false);
            return new ArrowConfig(Endpoint.read(section, "endpoint", "localhost:4317", other),
                    section.string("shared_as", "grpc"));
        }

        @Override
        public List<String> endpoints(ArrowConfig config) {
            return List.of(config.endpoint().toString());
        }

        @Override
        public Map<String, String> sharedEndpoints(ArrowConfig config) {
            return Map.of(config.endpoint().toString(), config.sharedAs());
        }

        @Override
        public Receiver create(ReceiverContext context, ArrowConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    record MultiConfig(Endpoint http, Endpoint grpc) {}

    /** A receiver with nested protocol sections, each enabled by its presence. */
    static final class MultiReceiverFactory implements ReceiverFactory<MultiConfig> {
        @Override
        public String type() {
            return "multi";
        }

        @Override
        public MultiConfig bind(ConfigSection section) {
            ConfigSection protocols = section.section("protocols");
            boolean hasHttp = protocols.has("http");
            boolean hasGrpc = protocols.has("grpc");
            Endpoint http = Endpoint.read(protocols.section("http"), "endpoint", "localhost:4318", false);
            Endpoint grpc = Endpoint.read(protocols.section("grpc"), "endpoint", "localhost:4317", false);
            if (!hasHttp && !hasGrpc) {
                section.error("protocols", "must enable http or grpc");
            }
            return new MultiConfig(hasHttp ? http : null, hasGrpc ? grpc : null);
        }

        @Override
        public List<String> endpoints(MultiConfig config) {
            List<String> endpoints = new ArrayList<>();
            if (config.http() != null) {
                endpoints.add(config.http().toString());
            }
            if (config.grpc() != null) {
                endpoints.add(config.grpc().toString());
            }
            return endpoints;
        }

        @Override
        public Map<String, String> sharedEndpoints(MultiConfig config) {
            return config.grpc() == null ? Map.of() : Map.of(config.grpc().toString(), "grpc");
        }

        @Override
        public Receiver create(ReceiverContext context, MultiConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    record LogFileConfig(String path) {}

    /** A receiver that can only feed logs pipelines. */
    static final class LogFileReceiverFactory implements ReceiverFactory<LogFileConfig> {
        @Override
        public String type() {
            return "logfile";
        }

        @Override
        public Set<Signal> signals() {
            return EnumSet.of(Signal.LOGS);
        }

        @Override
        public LogFileConfig bind(ConfigSection section) {
            return new LogFileConfig(section.string("path", "app.log"));
        }

        @Override
        public Receiver create(ReceiverContext context, LogFileConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    record FilterConfig(List<String> names, int level) {}

    static final class FilterProcessorFactory implements ProcessorFactory<FilterConfig> {
        @Override
        public String type() {
            return "filter";
        }

        @Override
        public FilterConfig bind(ConfigSection section) {
            return new FilterConfig(section.stringList("names", List.of()), section.integer("level", 0, 0, 10));
        }

        @Override
        public Processor create(ProcessorContext context, FilterConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    record BufferConfig(long targetBytes, Duration maxAge) {}

    /** The buffering processor: must come last. */
    static final class BufferProcessorFactory implements ProcessorFactory<BufferConfig> {
        @Override
        public String type() {
            return "buffer";
        }

        @Override
        public boolean createsBuffer() {
            return true;
        }

        @Override
        public BufferConfig bind(ConfigSection section) {
            return new BufferConfig(section.size("target", 16L << 20), section.duration("max_age", Duration.ofSeconds(5)));
        }

        @Override
        public Processor create(ProcessorContext context, BufferConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    record StoreConfig(String path, Duration timeout, int retries, boolean createTables) {}

    static final class StoreExporterFactory implements ExporterFactory<StoreConfig> {
        @Override
        public String type() {
            return "store";
        }

        @Override
        public StoreConfig bind(ConfigSection section) {
            String path = section.string("path", "eider.db");
            if (path.isEmpty()) {
                section.error("path", "must not be empty");
            }
            return new StoreConfig(path, section.duration("timeout", Duration.ofSeconds(30)),
                    section.integer("retries", 3, 0, 10), section.bool("create_tables", true));
        }

        @Override
        public Exporter create(ExporterContext context, StoreConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    record StatusConfig(Endpoint endpoint) {}

    static final class StatusExtensionFactory implements ExtensionFactory<StatusConfig> {
        @Override
        public String type() {
            return "status";
        }

        @Override
        public StatusConfig bind(ConfigSection section) {
            boolean other = section.bool("allow_other_hostname", false);
            return new StatusConfig(Endpoint.read(section, "endpoint", "localhost:13133", other));
        }

        @Override
        public List<String> endpoints(StatusConfig config) {
            return List.of(config.endpoint().toString());
        }

        @Override
        public Extension create(ExtensionContext context, StatusConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    /** A factory with a bug: binding throws. */
    static final class ThrowingExporterFactory implements ExporterFactory<Object> {
        @Override
        public String type() {
            return "broken";
        }

        @Override
        public Object bind(ConfigSection section) {
            throw new IllegalStateException("boom");
        }

        @Override
        public Exporter create(ExporterContext context, Object config) {
            throw new UnsupportedOperationException();
        }
    }

    static <C> ComponentBinding<C> bind(ComponentFactory<C> factory, String yaml, Map<String, String> env) {
        return ComponentBinding.bind(factory, yaml, env::get);
    }
}
