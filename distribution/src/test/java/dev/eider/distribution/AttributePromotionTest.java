package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.seal.PipelineStatus;
import dev.eider.runtime.service.CollectorStartException;
import dev.eider.runtime.table.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribute promotion end to end: the {@code attributes} processor's columns reach the duckdb
 * exporter's tables, are validated on the next start, and a target that refuses them still
 * takes the rows.
 */
class AttributePromotionTest {
    private static final String PROMOTED_VERSION = "resource_attr_service_version";
    private static final String PROMOTED_POD = "resource_attr_k8s_pod_name";
    private static final String OTLP_HTTP_RECEIVER = """
            receivers:
              otlp:
                protocols:
                  http:
                    endpoint: localhost:0
            """;

    @TempDir
    Path dir;

    private static String config(Path db, boolean promote, boolean createTables) {
        String processors = promote ? "[attributes]" : "[]";
        return OTLP_HTTP_RECEIVER + """
                processors:
                  attributes:
                    promote_resource_attributes: [service.version, k8s.pod.name]
                exporters:
                  duckdb:
                    path: %s
                    create_tables: %s
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: %s, exporters: [duckdb]}
                """.formatted(db, createTables, processors);
    }

    private static String logWithResource(String version, String pod) {
        return """
                {"resourceLogs":[{"resource":{"attributes":[
                  {"key":"service.name","value":{"stringValue":"shop"}},
                  {"key":"service.version","value":{"stringValue":"%s"}},
                  {"key":"k8s.pod.name","value":{"stringValue":"%s"}}]},
                 "scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000000","body":{"stringValue":"hi"}}]}]}]}
                """.formatted(version, pod);
    }

    /** Posts one log record and seals it. */
    private static void sendOneLog(RunningCollector collector, String version, String pod) throws Exception {
        OtlpHttpPoster poster = new OtlpHttpPoster(collector.port("otlp", "http"), "unused");
        assertEquals(1, OtlpHttpPoster.acceptedRows(poster.post(logWithResource(version, pod))));
        collector.collector().flush(Optional.empty());
    }

    private static List<String> columns(Path db, Table table) throws Exception {
        return DuckDbRows.query(db, "SELECT column_name FROM information_schema.columns WHERE table_name = '"
                + table.tableName() + "' ORDER BY ordinal_position").stream()
                .map(r -> (String) r.get("column_name")).toList();
    }

    @Test
    void promotedColumnsAreAddedFilledAndValidatedOnTheNextStart() throws Exception {
        Path db = dir.resolve("promoted.duckdb");
        try (RunningCollector collector = RunningCollector.start(config(db, true, true))) {
            PipelineStatus status = collector.collector().pipelines().get(0);
            assertEquals(2, status.promotedColumnsTotal());
            sendOneLog(collector, "1.2.3", "pod-7");
            assertTrue(collector.stop().clean());
        }
        for (Table table : Table.values()) {
            List<String> columns = columns(db, table);
            assertEquals(List.of(PROMOTED_VERSION, PROMOTED_POD), columns.subList(columns.size() - 2, columns.size()),
                    table.tableName());
        }
        // The second start finds the columns in place, with and without create_tables.
        try (RunningCollector collector = RunningCollector.start(config(db, true, true))) {
            sendOneLog(collector, "1.2.4", "pod-8");
            assertTrue(collector.stop().clean());
        }
        try (RunningCollector collector = RunningCollector.start(config(db, true, false))) {
            sendOneLog(collector, "1.2.5", "pod-9");
            assertTrue(collector.stop().clean());
        }
        assertEquals(List.of(
                        Map.of(PROMOTED_VERSION, "1.2.3", PROMOTED_POD, "pod-7"),
                        Map.of(PROMOTED_VERSION, "1.2.4", PROMOTED_POD, "pod-8"),
                        Map.of(PROMOTED_VERSION, "1.2.5", PROMOTED_POD, "pod-9")),
                DuckDbRows.query(db, "SELECT " + PROMOTED_VERSION + ", " + PROMOTED_POD
                        + " FROM otlp_logs ORDER BY " + PROMOTED_VERSION));
    }

    @Test
    void anExporterFedByTwoPipelinesGetsTheUnionOfTheirColumns() throws Exception {
        Path db = dir.resolve("union.duckdb");
        try (RunningCollector collector = RunningCollector.start(OTLP_HTTP_RECEIVER + """
                processors:
                  attributes/logs:
                    promote_resource_attributes: [service.version]
                  attributes/traces:
                    promote_resource_attributes: [k8s.pod.name, SERVICE.VERSION]
                exporters:
                  duckdb:
                    path: %s
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [attributes/logs], exporters: [duckdb]}
                    traces: {receivers: [otlp], processors: [attributes/traces], exporters: [duckdb]}
                """.formatted(db))) {
            assertEquals(Map.of("logs", 1L, "traces", 2L), collector.collector().pipelines().stream()
                    .collect(Collectors.toMap(PipelineStatus::id, PipelineStatus::promotedColumnsTotal)));
            assertTrue(collector.stop().clean());
        }
        for (Table table : Table.values()) {
            List<String> columns = columns(db, table);
            assertEquals(List.of(PROMOTED_VERSION, PROMOTED_POD), columns.subList(columns.size() - 2, columns.size()),
                    table.tableName());
        }
    }

    @Test
    void pipelineWithoutPromotionReportsNoPromotedColumns() throws Exception {
        try (RunningCollector collector = RunningCollector.start(config(dir.resolve("plain.duckdb"), false, true))) {
            assertEquals(0, collector.collector().pipelines().get(0).promotedColumnsTotal());
        }
    }

    @Test
    void withoutCreateTablesAMissingPromotedColumnFailsStartNamingTheAlter() throws Exception {
        Path db = dir.resolve("unpromoted.duckdb");
        try (RunningCollector collector = RunningCollector.start(config(db, false, true))) {
            assertTrue(collector.stop().clean());
        }
        CollectorStartException failure = assertThrows(CollectorStartException.class,
                () -> RunningCollector.start(config(db, true, false)).close());
        String problems = String.join("\n", failure.problems());
        assertTrue(problems.contains("has no column " + PROMOTED_VERSION), problems);
        assertTrue(problems.contains("ALTER TABLE \"main\".\"otlp_traces\" ADD COLUMN IF NOT EXISTS \""
                + PROMOTED_VERSION + "\" VARCHAR"), problems);
    }

    /**
     * Another connection holding an uncommitted ALTER on the first table makes the exporter's own
     * ALTER fail (a write-write conflict); the exporter warns, starts without promotion, and the
     * rows still land once the other transaction is gone.
     */
    @Test
    void targetRefusingTheColumnsTakesTheRowsWithoutPromotion() throws Exception {
        Path db = dir.resolve("refusing.duckdb");
        try (RunningCollector collector = RunningCollector.start(config(db, false, true))) {
            assertTrue(collector.stop().clean());
        }
        List<String> warnings = new ArrayList<>();
        Logger writerLog = Logger.getLogger("dev.eider.exporter.duckdb.DuckDbWriter");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage() + " " + List.of(record.getParameters()));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        writerLog.addHandler(capture);
        try (RunningCollector collector = startWhileAnotherTransactionAltersTraces(db)) {
            sendOneLog(collector, "1.2.3", "pod-7");
            assertTrue(collector.stop().clean());
        } finally {
            writerLog.removeHandler(capture);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("without attribute promotion"), warnings.get(0));
        assertEquals(1, DuckDbRows.count(db, "otlp_logs"));
        for (Table table : Table.values()) {
            assertTrue(columns(db, table).stream().noneMatch(c -> c.startsWith("resource_attr_")), table.tableName());
        }
    }

    private static RunningCollector startWhileAnotherTransactionAltersTraces(Path db) throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:duckdb:" + db);
             Statement statement = other.createStatement()) {
            statement.execute("BEGIN TRANSACTION");
            statement.execute("ALTER TABLE otlp_traces ADD COLUMN held_by_another_transaction VARCHAR");
            RunningCollector collector = RunningCollector.start(config(db, true, true));
            statement.execute("ROLLBACK");
            return collector;
        }
    }
}
