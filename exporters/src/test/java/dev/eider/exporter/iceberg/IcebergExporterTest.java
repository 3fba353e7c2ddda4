package dev.eider.exporter.iceberg;

import static dev.eider.exporter.iceberg.SealRows.expected;
import static dev.eider.exporter.iceberg.SealRows.marker;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.nio.file.Path;
import java.util.Base64;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iceberg exporter against Apache Iceberg's REST catalog server (in-process, loopback) with a
 * local-filesystem warehouse. Rows are read back by a separate DuckDB attaching the catalog after
 * the exporter shut down, and the catalog's own state is checked through Iceberg's Java API.
 */
class IcebergExporterTest {
    private static final String NAMESPACE = "otel";

    @TempDir
    Path dir;

    private final SealRows rows = new SealRows();
    private RestCatalogFixture catalog;
    private IcebergExporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        if (catalog != null) {
            catalog.close();
        }
        rows.close();
    }

    @Test
    void sealedRowsReadBackThroughASeparateReaderAfterShutdown() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        exporter.seal(rows.seal(1, 0, 3, Table.values()));
        exporter.seal(rows.seal(2, 3, 2, Table.LOGS, Table.TRACES));
        stop();

        try (Connection reader = reader(Optional.empty())) {
            assertEquals(expected(0, 5), markers(reader, Table.LOGS));
            assertEquals(expected(0, 5), markers(reader, Table.TRACES));
            for (Table table : List.of(Table.METRICS_GAUGE, Table.METRICS_SUM, Table.METRICS_HISTOGRAM,
                    Table.METRICS_EXP_HISTOGRAM)) {
                assertEquals(expected(0, 3), markers(reader, table), table.tableName());
            }
            assertEquals(1_700_000_000_000_004L, single(reader,
                    "SELECT epoch_us(max(time_unix_nano)) FROM lake.otel.otlp_logs"));
        }
        // The catalog itself, through Iceberg's Java API: one snapshot per seal that touched the
        // table, and its current data files (read from the manifests) hold exactly the rows sealed.
        assertEquals(2, snapshots(Table.LOGS).size());
        assertEquals(1, snapshots(Table.METRICS_SUM).size());
        assertEquals(5, recordsInDataFiles(Table.LOGS));
        assertEquals(3, recordsInDataFiles(Table.METRICS_SUM));
        assertTrue(catalog.warehouse().resolve(NAMESPACE).resolve("otlp_logs").toFile().isDirectory(),
                "data and metadata files under the catalog's local warehouse");
    }

    @Test
    void aSealAcrossTablesIsOneCatalogCommit() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        int before = catalog.requests().size();
        exporter.seal(rows.seal(1, 0, 2, Table.LOGS, Table.TRACES, Table.METRICS_SUM));
        List<RestCatalogFixture.Request> commits = catalog.requests().subList(before, catalog.requests().size())
                .stream().filter(r -> r.method().equals("POST")).toList();
        assertEquals(1, commits.size(), commits.toString());
        assertTrue(commits.get(0).path().endsWith("/transactions/commit"), commits.toString());
    }

    @Test
    void aFailingSealCommitsNothing() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        // otlp_traces is inserted first; the logs batches then fail (their columns differ).
        TableBatch oneColumn = new TableBatch(Table.LOGS, new VectorSchemaRoot(List.of(
                (FieldVector) Table.LOGS.arrowSchema().getFields().get(0).createVector(rows.pipeline))));
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        tables.put(Table.TRACES, List.of(rows.batch(Table.TRACES, 0, 3)));
        tables.put(Table.LOGS, List.of(rows.batch(Table.LOGS, 0, 2), oneColumn));
        try {
            assertThrows(IllegalArgumentException.class, () -> exporter.seal(new Seal("logs", 1, tables, true)));
        } finally {
            oneColumn.close();
        }
        assertEquals(List.of(), snapshots(Table.TRACES), "the failed seal committed no snapshot");
        exporter.seal(rows.seal(2, 10, 1, Table.TRACES));
        stop();
        try (Connection reader = reader(Optional.empty())) {
            assertEquals(List.of("row-10"), markers(reader, Table.TRACES));
            assertEquals(0, single(reader, "SELECT count(*) FROM lake.otel.otlp_logs"));
        }
    }

    @Test
    void aSealCommittedBeforeACrashIsNotStoredAgainWhenReplayed() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        assertEquals(OptionalLong.empty(), exporter.committedWalPosition("logs"));
        exporter.seal(logged(rows.seal(1, 0, 3, Table.LOGS, Table.TRACES), 0, 3));
        // The crash: the log was not truncated, so the same range comes again after the restart.
        stop();
        start(config(new IcebergAuth.None(), false));
        assertEquals(OptionalLong.of(3), exporter.committedWalPosition("logs"));
        assertEquals(OptionalLong.empty(), exporter.unfinishedSealEnd("logs"));
        exporter.seal(logged(rows.seal(2, 0, 3, Table.LOGS, Table.TRACES), 0, 3));
        exporter.seal(logged(rows.seal(3, 3, 1, Table.LOGS), 3, 4));
        stop();
        try (Connection reader = reader(Optional.empty())) {
            assertEquals(expected(0, 4), markers(reader, Table.LOGS));
            assertEquals(expected(0, 3), markers(reader, Table.TRACES));
        }
        for (Table table : Table.values()) {
            assertEquals("4", position(table, "logs"), table.tableName());
        }
    }

    @Test
    void aSealTheCatalogCommittedInPartIsCompletedExactlyOnceByItsRetry() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        exporter.seal(logged(rows.seal(1, 0, 2, Table.LOGS, Table.TRACES, Table.METRICS_SUM), 0, 2));
        catalog.failLastTableOfNextCommit();
        Seal partial = logged(rows.seal(2, 2, 3, Table.LOGS, Table.TRACES, Table.METRICS_SUM), 2, 5);
        assertThrows(SQLException.class, () -> exporter.seal(partial));
        // Iceberg's reference adapter committed every table of the request but the last one.
        List<String> moved = new ArrayList<>();
        for (Table table : Table.values()) {
            if (position(table, "logs").equals("5")) {
                moved.add(table.tableName());
            }
        }
        assertEquals(Table.values().length - 1, moved.size(), moved.toString());
        assertEquals(OptionalLong.of(2), exporter.committedWalPosition("logs"));
        assertEquals(OptionalLong.of(5), exporter.unfinishedSealEnd("logs"));

        // The runtime retries with the same range; a crash would replay exactly it first, alike.
        stop();
        start(config(new IcebergAuth.None(), false));
        exporter.seal(partial);
        assertEquals(OptionalLong.of(5), exporter.committedWalPosition("logs"));
        assertEquals(OptionalLong.empty(), exporter.unfinishedSealEnd("logs"));
        stop();
        try (Connection reader = reader(Optional.empty())) {
            for (Table table : List.of(Table.LOGS, Table.TRACES, Table.METRICS_SUM)) {
                assertEquals(expected(0, 5), markers(reader, table), table.tableName());
            }
        }
    }

    @Test
    void aSealWhoseCommitAnswerWasLostIsRetriedWithoutStoringItTwice() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        catalog.loseAnswerOfNextCommit();
        Seal seal = logged(rows.seal(1, 0, 3, Table.LOGS, Table.TRACES), 0, 3);
        assertThrows(SQLException.class, () -> exporter.seal(seal));
        assertEquals(1, snapshots(Table.LOGS).size(), "the commit landed");
        exporter.seal(new Seal("logs", 2, seal.tables(), false, seal.walRange()));
        stop();
        try (Connection reader = reader(Optional.empty())) {
            assertEquals(expected(0, 3), markers(reader, Table.LOGS));
            assertEquals(expected(0, 3), markers(reader, Table.TRACES));
        }
    }

    @Test
    void aLoggedSealFailingMidTransactionStoresNothingAndItsRetryStoresItOnce() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        TableBatch oneColumn = new TableBatch(Table.LOGS, new VectorSchemaRoot(List.of(
                (FieldVector) Table.LOGS.arrowSchema().getFields().get(0).createVector(rows.pipeline))));
        Map<Table, List<TableBatch>> tables = new EnumMap<>(Table.class);
        tables.put(Table.TRACES, List.of(rows.batch(Table.TRACES, 0, 3)));
        tables.put(Table.LOGS, List.of(rows.batch(Table.LOGS, 0, 2), oneColumn));
        try {
            assertThrows(IllegalArgumentException.class,
                    () -> exporter.seal(new Seal("logs", 1, tables, false, new WalRange(0, 3))));
        } finally {
            oneColumn.close();
        }
        assertEquals(OptionalLong.empty(), exporter.committedWalPosition("logs"));
        assertEquals(OptionalLong.empty(), exporter.unfinishedSealEnd("logs"));
        tables.put(Table.LOGS, List.of(rows.batch(Table.LOGS, 0, 2)));
        exporter.seal(new Seal("logs", 2, tables, false, new WalRange(0, 3)));
        assertEquals(OptionalLong.of(3), exporter.committedWalPosition("logs"));
        stop();
        try (Connection reader = reader(Optional.empty())) {
            assertEquals(expected(0, 3), markers(reader, Table.TRACES));
            assertEquals(expected(0, 2), markers(reader, Table.LOGS));
        }
    }

    @Test
    void restartingFindsAndValidatesTheTables() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        start(config(new IcebergAuth.None(), true));
        exporter.seal(rows.seal(1, 0, 2, Table.LOGS));
        stop();
        start(config(new IcebergAuth.None(), false));
        exporter.seal(rows.seal(2, 2, 2, Table.LOGS));
        stop();
        try (Connection reader = reader(Optional.empty())) {
            assertEquals(expected(0, 4), markers(reader, Table.LOGS));
        }
    }

    @Test
    void tablesMadeByAnotherEngineAreWritten() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        ((SupportsNamespaces) catalog.catalog()).createNamespace(Namespace.of(NAMESPACE));
        for (Table table : Table.values()) {
            catalog.catalog().createTable(TableIdentifier.of(NAMESPACE, table.tableName()), icebergSchema(table, false));
        }
        start(config(new IcebergAuth.None(), false));
        exporter.seal(rows.seal(1, 0, 3, Table.values()));
        stop();
        try (Connection reader = reader(Optional.empty())) {
            for (Table table : Table.values()) {
                assertEquals(expected(0, 3), markers(reader, table), table.tableName());
            }
        }
    }

    @Test
    void extraTrailingColumnsFailStartBecauseDuckDbCannotInsertIntoThem() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        ((SupportsNamespaces) catalog.catalog()).createNamespace(Namespace.of(NAMESPACE));
        for (Table table : Table.values()) {
            catalog.catalog().createTable(TableIdentifier.of(NAMESPACE, table.tableName()),
                    icebergSchema(table, table == Table.LOGS));
        }
        Exception failure = startFailure(config(new IcebergAuth.None(), false));
        assertTrue(failure.getMessage().startsWith("table otel.otlp_logs in Iceberg REST catalog")
                && failure.getMessage().contains("has columns beyond docs/tables.md [promoted_tenant]"),
                failure.getMessage());
    }

    @Test
    void withoutCreateTablesMissingTablesFailStart() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        ((SupportsNamespaces) catalog.catalog()).createNamespace(Namespace.of(NAMESPACE));
        Exception failure = startFailure(config(new IcebergAuth.None(), false));
        assertTrue(failure.getMessage().contains("table otel.otlp_traces does not exist"), failure.getMessage());
    }

    @Test
    void aMismatchingColumnFailsStartNamingIt() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        ((SupportsNamespaces) catalog.catalog()).createNamespace(Namespace.of(NAMESPACE));
        catalog.catalog().createTable(TableIdentifier.of(NAMESPACE, "otlp_traces"),
                new Schema(Types.NestedField.optional(1, "start_time_unix_nano", Types.StringType.get())));
        Exception failure = startFailure(config(new IcebergAuth.None(), true));
        assertTrue(failure.getMessage().contains("otlp_traces") && failure.getMessage().contains(
                "expected start_time_unix_nano TIMESTAMP, found start_time_unix_nano VARCHAR"), failure.getMessage());
    }

    @Test
    void bearerTokenIsSentOnEveryCatalogRequest() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.of("s3cr3t"));
        start(config(new IcebergAuth.Bearer("s3cr3t"), true));
        exporter.seal(rows.seal(1, 0, 2, Table.LOGS));
        stop();
        assertFalse(catalog.requests().isEmpty());
        assertTrue(catalog.requests().stream().allMatch(r -> r.authorization().equals("Bearer s3cr3t")),
                catalog.requests().toString());
        try (Connection reader = reader(Optional.of("s3cr3t"))) {
            assertEquals(expected(0, 2), markers(reader, Table.LOGS));
        }
    }

    @Test
    void aWrongBearerTokenFailsStartNamingTheCatalog() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.of("s3cr3t"));
        Exception failure = startFailure(config(new IcebergAuth.Bearer("wrong"), true));
        assertTrue(failure.getMessage().startsWith("cannot attach Iceberg REST catalog " + catalog.endpoint()),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("wrong"), "the token stays out of the message");
    }

    @Test
    void oauth2ClientCredentialsAreExchangedForAToken() throws Exception {
        // DuckDB sends the client credentials as HTTP Basic auth; Iceberg's fixture adapter reads the
        // client id from the form only, so the token it issues names no subject.
        String issued = "client-credentials-token:sub=null";
        catalog = new RestCatalogFixture(dir, Optional.of(issued));
        start(config(new IcebergAuth.OAuth2("eider-collector", "pw", Optional.empty(), Optional.empty()), true));
        exporter.seal(rows.seal(1, 0, 2, Table.LOGS));
        stop();
        List<RestCatalogFixture.Request> requests = catalog.requests();
        String basic = "Basic " + Base64.getEncoder().encodeToString("eider-collector:pw".getBytes(UTF_8));
        assertEquals(new RestCatalogFixture.Request("POST", "/v1/oauth/tokens", basic), requests.get(0));
        assertTrue(requests.stream().skip(1).allMatch(r -> r.authorization().equals("Bearer " + issued)),
                requests.toString());
        try (Connection reader = reader(Optional.of(issued))) {
            assertEquals(expected(0, 2), markers(reader, Table.LOGS));
        }
    }

    @Test
    void sigv4SignsCatalogRequestsWithTheConfiguredKey() throws Exception {
        // DuckDB sends SigV4-signed catalog requests over HTTPS only.
        catalog = new RestCatalogFixture(dir, Optional.empty(), true);
        start(config(new IcebergAuth.SigV4("AKIDEIDERTEST", "secret-key", "eu-west-1", Optional.empty()), true));
        exporter.seal(rows.seal(1, 0, 2, Table.LOGS));
        stop();
        // DuckDB takes the signing scope's service and region from the endpoint's host name
        // (<service>.<region>.amazonaws.com); what matters here is that every request is signed.
        List<RestCatalogFixture.Request> unsigned = catalog.requests().stream().filter(r -> !r.authorization()
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEIDERTEST/")).toList();
        assertEquals(List.of(), unsigned);
        assertTrue(catalog.requests().stream().anyMatch(r -> r.path().endsWith("/transactions/commit")));
        try (Connection reader = reader(Optional.empty())) {
            assertEquals(expected(0, 2), markers(reader, Table.LOGS));
        }
    }

    @Test
    void anUnreachableCatalogFailsStartNamingIt() throws Exception {
        catalog = new RestCatalogFixture(dir, Optional.empty());
        String endpoint = catalog.endpoint();
        catalog.close();
        catalog = null;
        IcebergConfig config = new IcebergConfig(endpoint, "warehouse", NAMESPACE, new IcebergAuth.None(), true,
                Optional.of(SealRows.extensionDirectory()));
        Exception failure = startFailure(config);
        assertTrue(failure.getMessage().startsWith("cannot attach Iceberg REST catalog " + endpoint),
                failure.getMessage());
    }

    /** {@code seal} as a pipeline with a write-ahead log seals it: covering log records {@code from .. to-1}. */
    private static Seal logged(Seal seal, long from, long to) {
        return new Seal(seal.pipelineId(), seal.sequence(), seal.tables(), seal.maintenanceAllowed(),
                new WalRange(from, to));
    }

    /** The table's log position property for {@code pipelineId}, as the catalog holds it ("" when absent). */
    private String position(Table table, String pipelineId) {
        return catalog.catalog().loadTable(TableIdentifier.of(NAMESPACE, table.tableName())).properties()
                .getOrDefault(TablePositions.property(pipelineId), "");
    }

    private IcebergConfig config(IcebergAuth auth, boolean createTables) {
        return new IcebergConfig(catalog.endpoint(), "warehouse", NAMESPACE, auth, createTables,
                Optional.of(SealRows.extensionDirectory()));
    }

    private void start(IcebergConfig config) throws Exception {
        exporter = new IcebergExporter(ComponentId.of("iceberg"), rows.exporter, config);
        exporter.start(null);
    }

    private void stop() throws Exception {
        exporter.shutdown();
        exporter = null;
    }

    private Exception startFailure(IcebergConfig config) {
        IcebergExporter failing = new IcebergExporter(ComponentId.of("iceberg"), rows.exporter, config);
        return assertThrows(Exception.class, () -> failing.start(null));
    }

    private List<Snapshot> snapshots(Table table) {
        List<Snapshot> found = new ArrayList<>();
        catalog.catalog().loadTable(TableIdentifier.of(NAMESPACE, table.tableName())).snapshots().forEach(found::add);
        return found;
    }

    /** The table as Iceberg's Java API creates it, optionally with a trailing promoted-attribute column. */
    private static Schema icebergSchema(Table table, boolean promotedColumn) {
        int[] ids = {0};
        List<Types.NestedField> fields = new ArrayList<>();
        for (Column column : table.columns()) {
            int id = ++ids[0];
            Type type = switch (column.type()) {
                case TIMESTAMP -> Types.TimestampType.withoutZone();
                case BIGINT -> Types.LongType.get();
                case INTEGER -> Types.IntegerType.get();
                case DOUBLE -> Types.DoubleType.get();
                case BOOLEAN -> Types.BooleanType.get();
                case VARCHAR -> Types.StringType.get();
                case BIGINT_LIST -> Types.ListType.ofOptional(1000 + id, Types.LongType.get());
                case DOUBLE_LIST -> Types.ListType.ofOptional(1000 + id, Types.DoubleType.get());
            };
            fields.add(Types.NestedField.optional(id, column.name(), type));
        }
        if (promotedColumn) {
            fields.add(Types.NestedField.optional(++ids[0], "promoted_tenant", Types.StringType.get()));
        }
        return new Schema(fields);
    }

    private long recordsInDataFiles(Table table) throws Exception {
        long records = 0;
        try (CloseableIterable<FileScanTask> tasks = catalog.catalog()
                .loadTable(TableIdentifier.of(NAMESPACE, table.tableName())).newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                records += task.file().recordCount();
            }
        }
        return records;
    }

    /** A separate in-memory DuckDB attaching the same catalog as {@code lake}. */
    private Connection reader(Optional<String> token) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        execute(db, "SET extension_directory = '" + SealRows.extensionDirectory() + "'");
        execute(db, "LOAD httpfs");
        execute(db, "LOAD avro");
        execute(db, "LOAD iceberg");
        String auth = "AUTHORIZATION_TYPE 'none'";
        if (token.isPresent()) {
            execute(db, "CREATE SECRET reader_token (TYPE iceberg, TOKEN '" + token.get() + "')");
            auth = "SECRET reader_token";
        }
        execute(db, "ATTACH 'warehouse' AS lake (TYPE iceberg, ENDPOINT '" + catalog.endpoint() + "', " + auth + ")");
        return db;
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The markers in the table, sorted by serial. */
    private static List<String> markers(Connection db, Table table) throws SQLException {
        List<String> found = new ArrayList<>();
        String column = Table.quote(marker(table));
        String sql = "SELECT " + column + " FROM lake.otel." + table.tableName() + " ORDER BY CAST(substr(" + column
                + ", 5) AS INTEGER)";
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                found.add(result.getString(1));
            }
        }
        return found;
    }
}
