package dev.eider.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.TestFactories.BufferConfig;
import dev.eider.runtime.config.TestFactories.MultiConfig;
import dev.eider.runtime.config.TestFactories.StoreConfig;
import dev.eider.runtime.pipeline.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static CollectorConfig load(String yaml) {
        return ConfigLoader.load("pipeline.yaml", yaml, TestFactories.registry(), Map.<String, String>of()::get);
    }

    /** The rendered errors of a configuration that must fail. */
    static List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    private static ComponentId id(String text) {
        return ComponentId.parse(text);
    }

    @Test
    void bindsComponentsAndPipelinesInFileOrder() {
        CollectorConfig config = load("""
                receivers:
                  multi:
                    protocols:
                      http:
                      grpc: { endpoint: "127.0.0.1:5317" }
                  logfile/app: { path: /var/log/app.log }
                processors:
                  filter: { names: [a, b], level: 2 }
                  buffer: { target: 32MiB, max_age: 250ms }
                exporters:
                  store/archive: { path: archive.db, timeout: 1m }
                  store: { path: main.db }
                extensions:
                  status: { endpoint: "localhost:13133" }
                service:
                  extensions: [status]
                  pipelines:
                    traces: { receivers: [multi], processors: [buffer], exporters: [store] }
                    logs/app:
                      receivers: [logfile/app, multi]
                      processors: [filter, buffer]
                      exporters: [store/archive, store]
                """);

        assertEquals(List.of(
                        new PipelineConfig("traces", Signal.TRACES, List.of(id("multi")), List.of(id("buffer")), List.of(id("store"))),
                        new PipelineConfig("logs/app", Signal.LOGS, List.of(id("logfile/app"), id("multi")),
                                List.of(id("filter"), id("buffer")), List.of(id("store/archive"), id("store")))),
                config.pipelines());
        assertEquals(List.of(id("multi"), id("logfile/app")), List.copyOf(config.receivers().keySet()));
        assertEquals(List.of(id("store/archive"), id("store")), List.copyOf(config.exporters().keySet()));
        assertEquals(List.of(id("status")), config.serviceExtensions());
        assertEquals(List.of(id("status")), List.copyOf(config.extensions().keySet()));
        assertEquals(new MultiConfig(new Endpoint("localhost", 4318), new Endpoint("127.0.0.1", 5317)),
                config.receivers().get(id("multi")).config());
        assertEquals(new BufferConfig(32L << 20, Duration.ofMillis(250)), config.processors().get(id("buffer")).config());
        assertEquals(new StoreConfig("archive.db", Duration.ofMinutes(1), 3, true),
                config.exporters().get(id("store/archive")).config());
        assertEquals("store", config.exporters().get(id("store")).factory().type());
        assertEquals(List.of(), config.warnings());
        assertThrows(IllegalStateException.class, () -> config.receivers().get(id("multi")).createExporter(null));
    }

    @Test
    void reportsEveryErrorAtOnceAsOneBlock() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                exporters:
                  store: { path: "", retries: 11 }
                receivers:
                  socket:
                service:
                  pipelines:
                    logs: { receivers: [socket], exporters: [store] }
                """));
        assertEquals("""
                invalid configuration (2 errors):
                  exporters::store::path: must not be empty (pipeline.yaml:2)
                  exporters::store::retries: must be between 0 and 10, not 11 (pipeline.yaml:2)""", e.getMessage());
    }

    @Test
    void unknownTopLevelAndServiceKeys() {
        assertEquals(List.of(
                        "recievers: unknown key (accepted: exporters, extensions, processors, receivers, service) (pipeline.yaml:1)",
                        "service::telemetry: unknown key (accepted: extensions, pipelines) (pipeline.yaml:6)"),
                errors("""
                        recievers: {}
                        receivers: { socket: }
                        exporters: { store: }
                        service:
                          pipelines: { logs: { receivers: [socket], exporters: [store] } }
                          telemetry: { metrics: { level: none } }
                        """));
    }

    @Test
    void missingServiceAndEmptyPipelines() {
        assertEquals(List.of("service: is required: it lists the pipelines to run (pipeline.yaml:1)"),
                errors("receivers: { socket: }\n"));
        assertEquals(List.of("service::pipelines: at least one pipeline is required (pipeline.yaml:1)"),
                errors("service: { extensions: [] }\n"));
    }

    @Test
    void sectionsOfTheWrongShape() {
        assertEquals(List.of(
                        "receivers: must be a mapping, not a list (pipeline.yaml:1)",
                        "service::pipelines::logs::receivers: must be a list, not 'store' (pipeline.yaml:5)",
                        "service::pipelines::logs::exporters: list entries must be strings, not a mapping (pipeline.yaml:6)"),
                errors("""
                        receivers: [socket]
                        exporters: { store: }
                        service:
                          pipelines:
                            logs: { receivers: store,
                              exporters: [{ store: x }] }
                        """));
    }

    @Test
    void invalidIdsAndUnknownTypes() {
        assertEquals(List.of(
                        "receivers::socket/: component id 'socket/' has an empty name after '/' (pipeline.yaml:2)",
                        "receivers::kafka: unknown receiver type 'kafka' (known: arrow, logfile, multi, socket) (pipeline.yaml:3)",
                        "exporters::bad type: invalid component type 'bad type' (pipeline.yaml:5)",
                        "service::pipelines::logs::receivers: invalid component type 'a b' (pipeline.yaml:8)",
                        "service::pipelines::logs::exporters: invalid component type 'bad type' (pipeline.yaml:8)"),
                errors("""
                        receivers:
                          socket/: {}
                          kafka: { brokers: [a] }
                        exporters:
                          bad type: {}
                        service:
                          pipelines:
                            logs: { receivers: [kafka, a b], exporters: [bad type] }
                        """));
    }

    @Test
    void unknownComponentKeysListTheAcceptedOnes() {
        assertEquals(List.of(
                        "receivers::multi::protocols::http::endpiont: unknown key (accepted: endpoint) (pipeline.yaml:5)",
                        "receivers::multi::protocls: unknown key (accepted: protocols) (pipeline.yaml:6)",
                        "exporters::store/unused::pth: unknown key (accepted: create_tables, path, retries, timeout) (pipeline.yaml:8)"),
                errors("""
                        receivers:
                          multi:
                            protocols:
                              http:
                                endpiont: localhost:1
                            protocls: {}
                        exporters:
                          store/unused: { pth: x }
                          store:
                        service:
                          pipelines:
                            logs: { receivers: [multi], exporters: [store] }
                        """));
    }

    @Test
    void unusedComponentsAreBoundAndTheirErrorsShown() {
        assertEquals(List.of("exporters::store/spare::timeout: 'soon' is not a duration; write a number with a unit: "
                        + "250ms, 5s, 15m or 2h (pipeline.yaml:3)"),
                errors("""
                        exporters:
                          store:
                          store/spare: { timeout: soon }
                        receivers: { socket: }
                        service:
                          pipelines:
                            logs: { receivers: [socket], exporters: [store] }
                        """));
    }

    @Test
    void aFactoryThatThrowsIsReportedLikeAnyError() {
        ComponentRegistry registry = ComponentRegistry.of(
                Map.of("socket", new TestFactories.SocketReceiverFactory()),
                Map.of(),
                Map.of("broken", new TestFactories.ThrowingExporterFactory()),
                Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("p.yaml", """
                receivers: { socket: }
                exporters: { broken: }
                service: { pipelines: { logs: { receivers: [socket], exporters: [broken] } } }
                """, registry, name -> null));
        assertEquals(List.of("exporters::broken: could not be bound: java.lang.IllegalStateException: boom (p.yaml:2)"),
                e.errors().stream().map(ConfigError::toString).toList());
    }

    @Test
    void pipelineIdsAndRequiredLists() {
        assertEquals(List.of(
                        "service::pipelines::events: pipeline id 'events' must be logs, traces or metrics, optionally followed by /name (pipeline.yaml:5)",
                        "service::pipelines::logs/: pipeline id 'logs/' must be logs, traces or metrics, optionally followed by /name (pipeline.yaml:6)",
                        "service::pipelines::traces::exporters: must list at least one exporter (pipeline.yaml:7)",
                        "service::pipelines::metrics/x::receivers: must list at least one receiver (pipeline.yaml:8)"),
                errors("""
                        receivers: { socket: }
                        exporters: { store: }
                        service:
                          pipelines:
                            events: { receivers: [socket], exporters: [store] }
                            logs/: { receivers: [socket], exporters: [store] }
                            traces: { receivers: [socket] }
                            metrics/x: { receivers: [], exporters: [store] }
                        """));
    }

    @Test
    void undefinedAndRepeatedReferences() {
        assertEquals(List.of(
                        "service::extensions: extension 'status/x' is not defined under extensions (pipeline.yaml:5)",
                        "service::pipelines::logs::receivers: receiver 'socket/2' is not defined under receivers (pipeline.yaml:9)",
                        "service::pipelines::logs::receivers: 'socket' is listed more than once (pipeline.yaml:11)",
                        "service::pipelines::logs::processors: processor 'filter' is not defined under processors (pipeline.yaml:12)",
                        "service::pipelines::logs::exporters: exporter 'store/b' is not defined under exporters (pipeline.yaml:13)"),
                errors("""
                        receivers: { socket: }
                        exporters: { store: }
                        extensions: { status: }
                        service:
                          extensions: [status, status/x]
                          pipelines:
                            logs:
                              receivers:
                                - socket/2
                                - socket
                                - socket
                              processors: [filter]
                              exporters: [store, store/b]
                        """));
    }

    @Test
    void receiverMustSupportThePipelineSignal() {
        assertEquals(List.of("service::pipelines::traces::receivers: receiver 'logfile' does not support traces "
                        + "(it supports logs) (pipeline.yaml:5)"),
                errors("""
                        receivers: { logfile: }
                        exporters: { store: }
                        service:
                          pipelines:
                            traces: { receivers: [logfile], exporters: [store] }
                            logs: { receivers: [logfile], exporters: [store] }
                        """));
    }

    @Test
    void bufferingProcessorMustComeLast() {
        assertEquals(List.of("service::pipelines::logs::processors: processor 'buffer' buffers the pipeline's rows "
                        + "and must be its last processor (pipeline.yaml:7)"),
                errors("""
                        receivers: { socket: }
                        processors: { buffer: , filter: }
                        exporters: { store: }
                        service:
                          pipelines:
                            logs:
                              processors: [buffer, filter]
                              receivers: [socket]
                              exporters: [store]
                            traces: { receivers: [socket], processors: [filter, buffer], exporters: [store] }
                        """));
    }

    @Test
    void unusedComponentsAreWarningsAndLeftOut() {
        CollectorConfig config = load("""
                receivers: { socket: , socket/idle: { endpoint: "localhost:4318" } }
                processors: { filter: }
                exporters: { store: }
                extensions: { status: }
                service:
                  pipelines:
                    logs: { receivers: [socket], exporters: [store] }
                """);
        assertEquals(List.of(
                        "receivers::socket/idle: defined but not used by any pipeline, so it is not started (pipeline.yaml:1)",
                        "processors::filter: defined but not used by any pipeline, so it is not started (pipeline.yaml:2)",
                        "extensions::status: defined but not listed in service::extensions, so it is not started (pipeline.yaml:4)"),
                config.warnings().stream().map(ConfigError::toString).toList());
        assertEquals(List.of(id("socket")), List.copyOf(config.receivers().keySet()));
        assertTrue(config.processors().isEmpty());
        assertTrue(config.extensions().isEmpty());
    }

    @Test
    void duplicateEndpointsAcrossComponents() {
        assertEquals(List.of(
                        "receivers::multi: endpoint localhost:4318 is already used by receivers::socket (127.0.0.1:4318) (pipeline.yaml:4)",
                        "extensions::status: endpoint 0.0.0.0:4317 is already used by receivers::multi (localhost:4317) (pipeline.yaml:8)"),
                errors("""
                        receivers:
                          socket: { endpoint: "127.0.0.1:4318" }
                          socket/free: { endpoint: "localhost:0" }
                          multi:
                            protocols: { http: , grpc: }
                          socket/other: { endpoint: "localhost:0" }
                        exporters: { store: }
                        extensions: { status: { endpoint: "0.0.0.0:4317", allow_other_hostname: true } }
                        service:
                          extensions: [status]
                          pipelines:
                            logs: { receivers: [socket, socket/free, multi, socket/other], exporters: [store] }
                        """));
    }

    @Test
    void receiversSharingAnAddressMustServeItTheSameWay() {
        assertEquals(List.of("receivers::arrow: endpoint 127.0.0.1:4317 is shared with receivers::multi (localhost:4317),"
                        + " but they must serve it the same way: receivers::multi serves grpc, this one grpc with tls(x)"
                        + " (pipeline.yaml:3)"),
                errors("""
                        receivers:
                          multi: { protocols: { grpc: { endpoint: "localhost:4317" } } }
                          arrow: { endpoint: "127.0.0.1:4317", shared_as: "grpc with tls(x)" }
                        exporters: { store: }
                        service:
                          pipelines:
                            logs: { receivers: [multi, arrow], exporters: [store] }
                        """));
    }

    @Test
    void grpcReceiversShareTheSameAddressButNothingElse() {
        CollectorConfig shared = load("""
                receivers:
                  multi: { protocols: { grpc: { endpoint: "localhost:4317" } } }
                  arrow: { endpoint: "127.0.0.1:4317" }
                exporters: { store: }
                service:
                  pipelines:
                    logs: { receivers: [multi, arrow], exporters: [store] }
                """);
        assertEquals(List.of(id("multi"), id("arrow")), List.copyOf(shared.receivers().keySet()));
        assertEquals(List.of(
                        "receivers::arrow: endpoint localhost:4318 is already used by receivers::multi (localhost:4318) (pipeline.yaml:3)",
                        "receivers::arrow/any: endpoint 0.0.0.0:4317 is already used by receivers::multi (localhost:4317) (pipeline.yaml:4)"),
                errors("""
                        receivers:
                          multi: { protocols: { http: , grpc: } }
                          arrow: { endpoint: "localhost:4318" }
                          arrow/any: { endpoint: "0.0.0.0:4317", allow_other_hostname: true }
                        exporters: { store: }
                        service:
                          pipelines:
                            logs: { receivers: [multi, arrow, arrow/any], exporters: [store] }
                        """));
    }

    @Test
    void unusedComponentsAndOtherHostsDoNotClash() {
        CollectorConfig config = load("""
                receivers:
                  socket: { endpoint: "localhost:4318" }
                  socket/idle: { endpoint: "localhost:4318" }
                  socket/lan: { endpoint: "10.0.0.1:4318", allow_other_hostname: true }
                exporters: { store: }
                service:
                  pipelines:
                    logs: { receivers: [socket, socket/lan], exporters: [store] }
                """);
        assertEquals(2, config.receivers().size());
    }

    @Test
    void registryRejectsAFactoryUnderAnotherType() {
        assertThrows(IllegalArgumentException.class, () -> ComponentRegistry.of(
                Map.of("otlp", new TestFactories.SocketReceiverFactory()), Map.of(), Map.of(), Map.of()));
    }
}
