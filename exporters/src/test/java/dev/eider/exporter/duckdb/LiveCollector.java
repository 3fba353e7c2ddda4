package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eider.runtime.admin.AdminJson;
import dev.eider.runtime.admin.AdminConfig;
import dev.eider.runtime.admin.AdminExtension;
import dev.eider.runtime.admin.AdminExtensionFactory;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.ExtensionContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.ExtensionFactory;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.component.ReceiverFactory;
import dev.eider.runtime.config.ComponentRegistry;
import dev.eider.runtime.config.ConfigLoader;
import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.service.Collector;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A real collector built from YAML: a {@code feed} receiver whose consumers the test pushes
 * batches into, its exporters (the duckdb exporter on a file unless told otherwise), and the admin
 * extension answering queries over HTTP and Flight SQL.
 */
public final class LiveCollector implements AutoCloseable {
    public static final String TOKEN = "live-query-token-0123456789";

    /** One exporter of the collector: {@code settings} is its YAML mapping, one key per line. */
    public record Exporter(ExporterFactory<?> factory, String id, String settings) {}

    final Collector collector;
    private ReceiverContext feed;
    private AdminExtension admin;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BufferAllocator allocator;

    LiveCollector(Path database, BufferAllocator allocator) throws Exception {
        this(new DuckDbExporterFactory(), "path: " + database.toString().replace("\\", "/"), allocator);
    }

    /** {@code exporterSettings}: the exporter's YAML mapping, one key per line. */
    public LiveCollector(ExporterFactory<?> exporter, String exporterSettings, BufferAllocator allocator)
            throws Exception {
        this(List.of(new Exporter(exporter, exporter.type(), exporterSettings)), allocator);
    }

    /** Every pipeline exports to all of {@code exporters}. */
    public LiveCollector(List<Exporter> exporters, BufferAllocator allocator) throws Exception {
        this.allocator = allocator;
        StringBuilder exporterYaml = new StringBuilder();
        Map<String, ExporterFactory<?>> factories = new LinkedHashMap<>();
        for (Exporter exporter : exporters) {
            exporterYaml.append("  ").append(exporter.id()).append(":\n")
                    .append(exporter.settings().indent(4));
            factories.put(exporter.factory().type(), exporter.factory());
        }
        String ids = String.join(", ", exporters.stream().map(Exporter::id).toList());
        String yaml = """
                receivers:
                  feed:
                exporters:
                %1$s
                extensions:
                  admin:
                    endpoint: 127.0.0.1:0
                    token: %3$s
                    query_timeout: 20s
                    flight_sql:
                      endpoint: 127.0.0.1:0
                service:
                  extensions: [admin]
                  pipelines:
                    logs: {receivers: [feed], exporters: [%2$s]}
                    traces: {receivers: [feed], exporters: [%2$s]}
                    metrics: {receivers: [feed], exporters: [%2$s]}
                """.formatted(exporterYaml.toString().stripTrailing(), ids, TOKEN);
        ComponentRegistry registry = ComponentRegistry.of(Map.of("feed", new FeedFactory()), Map.of(),
                factories, Map.of("admin", new CapturingAdmin()));
        collector = Collector.create(ConfigLoader.load("live.yaml", yaml, registry, Map.<String, String>of()::get),
                allocator);
        collector.start();
    }

    /** Hands one batch to the signal's pipelines, as a receiver does after decoding. */
    public void send(Signal signal, TableBatch batch) throws Exception {
        SignalConsumer consumer = feed.consumer(signal).orElseThrow();
        Admission admission = consumer.admit(batch.rowCount() * 100L);
        consumer.consume(admission, TableBatches.of(List.of(batch)));
    }

    public void flush() {
        String status = collector.flush(Optional.empty()).status();
        if (!"sealed".equals(status)) {
            throw new IllegalStateException("flush answered " + status);
        }
    }

    public HttpResponse<String> query(String sql) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(admin.uri() + "/v1/query"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #query}, asserting the answer is 200. */
    public HttpResponse<String> ok(String sql) throws Exception {
        HttpResponse<String> response = query(sql);
        assertEquals(200, response.statusCode(), sql + " -> " + response.body());
        return response;
    }

    /** The rows of a JSON query answer. */
    public static List<?> rows(HttpResponse<String> response) {
        return (List<?>) ((Map<?, ?>) AdminJson.read(response.body())).get("rows");
    }

    /** Log rows from (service, body) pairs. */
    public TableBatch logs(String... serviceAndBody) {
        Table table = Table.LOGS;
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (int i = 0; i < serviceAndBody.length; i += 2) {
                builder.startRow();
                builder.setTimestampNanos(table.columnIndex("time_unix_nano"), 1_700_000_000_000_000_000L + i);
                builder.setString(table.columnIndex("service_name"), serviceAndBody[i]);
                builder.setString(table.columnIndex("body"), serviceAndBody[i + 1]);
            }
            return builder.build();
        }
    }

    URI adminUri() {
        return admin.uri();
    }

    /** The Flight SQL endpoint, e.g. {@code grpc://127.0.0.1:40123}. */
    public URI flightSqlUri() {
        return admin.flightSqlUri().orElseThrow();
    }

    /** A connection of Arrow's Flight SQL JDBC driver with the token; {@code properties} start with '&'. */
    public Connection jdbc(String properties) throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + flightSqlUri().getPort()
                + "?useEncryption=false&token=" + TOKEN + properties);
    }

    @Override
    public void close() {
        collector.stop();
    }

    private final class FeedFactory implements ReceiverFactory<String> {
        @Override
        public String type() {
            return "feed";
        }

        @Override
        public String bind(ConfigSection section) {
            return "";
        }

        @Override
        public Receiver create(ReceiverContext context, String config) {
            feed = context;
            return new Receiver() {
                @Override
                public List<ListenerStatus> listeners() {
                    return List.of();
                }

                @Override
                public void stopListening() {}

                @Override
                public void start(Host host) {}

                @Override
                public void shutdown() {}
            };
        }
    }

    /** The real admin extension; keeps the instance so the test learns its port and URI. */
    private final class CapturingAdmin implements ExtensionFactory<AdminConfig> {
        private final AdminExtensionFactory real = new AdminExtensionFactory();

        @Override
        public String type() {
            return real.type();
        }

        @Override
        public ComponentKind kind() {
            return ComponentKind.EXTENSION;
        }

        @Override
        public AdminConfig bind(ConfigSection section) {
            return real.bind(section);
        }

        @Override
        public Extension create(ExtensionContext context, AdminConfig config) {
            admin = (AdminExtension) real.create(context, config);
            return admin;
        }
    }
}
