package dev.eider.exporter.iceberg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.exporter.duckdb.LiveCollector;
import dev.eider.runtime.admin.AdminConfig;
import dev.eider.runtime.admin.AdminExtension;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.testkit.StubHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/query against a real collector sealing into Iceberg's REST catalog (in-process, loopback). */
class IcebergLiveQueryTest {
    private static final String NAMESPACE = "otel";

    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();
    private RestCatalogFixture catalog;
    private LiveCollector live;

    @BeforeEach
    void start() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        live = new LiveCollector(new IcebergExporterFactory(), """
                endpoint: %s
                warehouse: warehouse
                namespace: %s
                extension_directory: %s
                """.formatted(catalog.endpoint(), NAMESPACE, SealRows.extensionDirectory()), allocator);
    }

    @AfterEach
    void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        catalog.close();
        allocator.close();
    }

    @Test
    void liveRowsOfTheCatalogAnswerQueries() throws Exception {
        live.send(Signal.LOGS, live.logs("api", "db timeout", "api", "ok", "web", "500"));
        live.flush();
        assertEquals(List.of(List.of("api", 2), List.of("web", 1)), LiveCollector.rows(live.ok(
                "SELECT service_name, count(*)::INTEGER FROM otlp_logs GROUP BY ALL ORDER BY 1")));
        assertEquals(List.of(List.of(0)), LiveCollector.rows(live.ok("SELECT count(*)::INTEGER FROM otlp_traces")));

        // The next seal is visible to the next query: each query reads the catalog's current snapshot.
        live.send(Signal.LOGS, live.logs("db", "slow"));
        live.flush();
        assertEquals(List.of(List.of(4)), LiveCollector.rows(live.ok("SELECT count(*)::INTEGER FROM eider_iceberg.otel.otlp_logs")));
        assertEquals(List.of(List.of("slow")), LiveCollector.rows(live.ok(
                "WITH db AS (SELECT body FROM otlp_logs WHERE service_name = 'db') SELECT * FROM db")));
        assertEquals(200, live.ok("DESCRIBE otlp_logs").statusCode());
    }

    @Test
    void theCatalogIsReadableOverFlightSql() throws Exception {
        live.send(Signal.LOGS, live.logs("api", "db timeout", "web", "500"));
        live.flush();
        try (Connection connection = live.jdbc("")) {
            try (ResultSet tables = connection.getMetaData().getTables("iceberg", NAMESPACE, "otlp_logs", null)) {
                assertTrue(tables.next(), "the namespace is the catalog's schema");
            }
            try (ResultSet columns = connection.getMetaData().getColumns("iceberg", NAMESPACE, "otlp_logs", "body")) {
                assertTrue(columns.next(), "with the table's Arrow schema");
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT body FROM otlp_logs WHERE service_name = 'web'")) {
                assertTrue(rows.next());
                assertEquals("500", rows.getString(1));
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*) FROM otlp_logs WHERE service_name = ?")) {
                statement.setString(1, "api");
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    assertEquals(1, rows.getLong(1), "the physical plan check binds the parameters too");
                }
            }
        }
    }

    @Test
    void locationsViewsAndWritesAreRefused() throws Exception {
        live.send(Signal.LOGS, live.logs("api", "kept"));
        live.flush();
        String ownMetadata = ((BaseTable) catalog.catalog().loadTable(TableIdentifier.of(NAMESPACE, "otlp_logs")))
                .operations().current().metadataFileLocation();
        for (String sql : List.of(
                "SELECT * FROM iceberg_scan('/some/other/path')",
                // Even the location of the exporter's own table: only the catalog names tables.
                "SELECT count(*) FROM iceberg_scan('" + ownMetadata + "')",
                "SELECT * FROM otlp_logs WHERE body IN (SELECT body FROM iceberg_scan('/some/other/path'))",
                "SELECT * FROM iceberg_metadata('" + ownMetadata + "')",
                "SELECT * FROM iceberg_snapshots('" + ownMetadata + "')",
                "SELECT * FROM '" + ownMetadata + "'",
                "INSERT INTO otlp_logs (service_name) VALUES ('x')",
                "DELETE FROM otlp_logs")) {
            HttpResponse<String> response = live.query(sql);
            assertEquals(400, response.statusCode(), sql + " -> " + response.body());
            assertTrue(response.body().startsWith("{\"error\":\"not_read_only\""), sql + " -> " + response.body());
        }
        assertTrue(live.query("SELECT * FROM iceberg_scan('/some/other/path')").body()
                .contains("table function 'iceberg_scan' is not allowed"));

        // The guard's reasoning (PhysicalPlanCheck) relies on DuckDB not showing the catalog's
        // views, which could hold an iceberg_scan of any location: this pins it.
        ((ViewCatalog) catalog.catalog()).buildView(TableIdentifier.of(NAMESPACE, "elsewhere"))
                .withSchema(new org.apache.iceberg.Schema(Types.NestedField.optional(1, "body", Types.StringType.get())))
                .withDefaultNamespace(Namespace.of(NAMESPACE))
                .withQuery("duckdb", "SELECT body FROM iceberg_scan('" + ownMetadata + "')")
                .create();
        HttpResponse<String> view = live.query("SELECT * FROM elsewhere");
        assertEquals(400, view.statusCode(), view.body());
        assertTrue(view.body().startsWith("{\"error\":\"query_failed\"") && view.body().contains("does not exist"),
                view.body());

        assertEquals(List.of(List.of("kept")), LiveCollector.rows(live.ok("SELECT body FROM otlp_logs")));
    }

    @Test
    void otherTargetsRefuseIcebergScans() throws Exception {
        live.send(Signal.LOGS, live.logs("api", "kept"));
        live.flush();
        String ownMetadata = ((BaseTable) catalog.catalog().loadTable(TableIdentifier.of(NAMESPACE, "otlp_logs")))
                .operations().current().metadataFileLocation();
        // A DuckDB database with a view over iceberg_scan: the scan looks like a catalog table's,
        // and only an Iceberg-catalog target may have it in a plan.
        try (DuckDBConnection db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("SET extension_directory = '" + SealRows.extensionDirectory() + "'");
                statement.execute("LOAD iceberg");
                statement.execute("CREATE VIEW elsewhere AS SELECT body FROM iceberg_scan('" + ownMetadata + "')");
                try (var direct = statement.executeQuery("SELECT count(*) FROM elsewhere")) {
                    direct.next();
                    assertEquals(1, direct.getLong(1), "the view reads the table when asked directly");
                }
            }
            StubHost host = new StubHost().queryTargets(Map.of("duckdb", () -> db.duplicate()));
            AdminExtension admin = new AdminExtension(ComponentId.of("admin"),
                    new AdminConfig(new Endpoint("127.0.0.1", 0), "other-target-token-0123456789"));
            admin.start(host);
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(admin.uri() + "/v1/query"))
                                .header("Authorization", "Bearer other-target-token-0123456789")
                                .POST(HttpRequest.BodyPublishers.ofString("SELECT * FROM elsewhere")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, response.statusCode(), response.body());
                assertTrue(response.body().startsWith("{\"error\":\"not_read_only\""), response.body());
                assertFalse(response.body().contains("kept"), response.body());
            } finally {
                admin.shutdown();
            }
        }
    }

    @Test
    void queryConnectionsAttachTheCatalogReadOnly() throws Exception {
        live.close();
        live = null;
        SealRows rows = new SealRows();
        IcebergExporter exporter = new IcebergExporter(ComponentId.of("iceberg"), rows.exporter,
                new IcebergConfig(catalog.endpoint(), "warehouse", NAMESPACE, new IcebergAuth.None(), true,
                        Optional.of(SealRows.extensionDirectory())));
        exporter.start(null);
        try {
            exporter.seal(rows.seal(1, 0, 2, Table.LOGS));
            assertTrue(exporter.queriesIcebergCatalog());
            try (Connection query = exporter.openQueryConnection()) {
                try (Statement statement = query.createStatement()) {
                    SQLException refused = assertThrows(SQLException.class,
                            () -> statement.execute("DELETE FROM otlp_logs"));
                    assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
                }
                try (Statement statement = query.createStatement();
                        var count = statement.executeQuery("SELECT count(*) FROM otlp_logs")) {
                    count.next();
                    assertEquals(2, count.getLong(1));
                }
            }
        } finally {
            exporter.shutdown();
            rows.close();
        }
        assertFalse(catalog.requests().isEmpty());
    }
}
