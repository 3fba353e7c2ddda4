package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.admin.AdminJson;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries through the admin API while a real collector seals into a duckdb file. */
class DuckDbLiveQueryTest {
    private static final int ROWS_PER_SEAL = 100;
    private static final Path QUERIES_DOC = Path.of("..", "docs", "queries.md");
    private static final Path FLIGHT_SQL_DOC = Path.of("..", "docs", "flight-sql.md");

    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();
    private LiveCollector live;

    @BeforeEach
    void start() throws Exception {
        live = new LiveCollector(dir.resolve("eider.duckdb"), allocator);
    }

    @AfterEach
    void stop() {
        live.close();
        allocator.close();
    }

    @Test
    void aQueryDuringSustainedIngestSeesGrowingCountsOfWholeSeals() throws Exception {
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicReference<Throwable> feederFailure = new AtomicReference<>();
        Thread feeder = new Thread(() -> {
            try {
                int serial = 0;
                while (feeding.get()) {
                    live.send(Signal.LOGS, logs(ROWS_PER_SEAL, serial));
                    live.flush();
                    serial += ROWS_PER_SEAL;
                }
            } catch (Throwable t) {
                feederFailure.set(t);
            }
        }, "feeder");
        feeder.start();
        List<Long> counts = new ArrayList<>();
        try {
            for (int i = 0; i < 500 && distinctGrowth(counts) < 4; i++) {
                counts.add(count());
            }
        } finally {
            feeding.set(false);
            feeder.join();
        }
        assertEquals(null, feederFailure.get());
        assertTrue(distinctGrowth(counts) >= 4, "counts grew while ingesting: " + counts);
        for (int i = 0; i < counts.size(); i++) {
            assertEquals(0, counts.get(i) % ROWS_PER_SEAL, "a query sees whole seals only: " + counts);
            assertTrue(i == 0 || counts.get(i) >= counts.get(i - 1), "counts never shrink: " + counts);
        }
        long sealed = live.collector.pipelines().stream()
                .filter(p -> p.id().equals("logs")).findFirst().orElseThrow().committedRowsTotal();
        assertEquals(sealed, count(), "after ingest stops the query sees every committed row");
    }

    private long count() throws Exception {
        HttpResponse<String> response = live.query("SELECT count(*) AS n FROM otlp_logs");
        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> answer = (Map<?, ?>) AdminJson.read(response.body());
        return ((Number) ((List<?>) ((List<?>) answer.get("rows")).get(0)).get(0)).longValue();
    }

    private static int distinctGrowth(List<Long> counts) {
        int growth = 0;
        for (int i = 1; i < counts.size(); i++) {
            if (counts.get(i) > counts.get(i - 1)) {
                growth++;
            }
        }
        return growth;
    }

    @Test
    void theReadyQueriesOfTheDocsAnswerOverRealRows() throws Exception {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        live.send(Signal.TRACES, batch(Table.TRACES, List.of(
                span(minute, "api", "GET /orders", 120_000_000L),
                span(minute, "checkout", "charge card", 1_500_000_000L),
                span(minute, "api", "GET /health", 2_000_000L),
                span(minute.minus(2, ChronoUnit.HOURS), "old", "too old", 9_000_000_000L))));
        live.send(Signal.LOGS, batch(Table.LOGS, List.of(
                log(minute.plusSeconds(1), "api", 17, "ERROR", "db timeout early"),
                log(minute.plusSeconds(5), "api", 17, "ERROR", "db timeout"),
                log(minute.plusSeconds(2), "web", 21, "FATAL", "500"),
                log(minute.plusSeconds(3), "web", 9, "INFO", "ok"))));
        live.send(Signal.METRICS, batch(Table.METRICS_GAUGE, List.of(
                gauge(minute.plusSeconds(10), "host-a", "system.cpu.utilization", 0.4),
                gauge(minute.plusSeconds(20), "host-a", "system.cpu.utilization", 0.6),
                gauge(minute.plusSeconds(70), "host-a", "system.cpu.utilization", 0.9),
                gauge(minute.plusSeconds(15), "host-a", "system.memory.usage", 123.0))));
        live.flush();

        List<String> queries = readyQueries();
        assertEquals(3, queries.size(), "the ready queries of docs/queries.md");

        List<?> slowest = rows(queries.get(0));
        assertEquals(3, slowest.size(), "the span older than an hour is left out");
        assertEquals(List.of("checkout", "charge card", 1500.0), ((List<?>) slowest.get(0)).subList(0, 3));
        assertEquals("GET /health", ((List<?>) slowest.get(2)).get(1));

        List<?> errors = rows(queries.get(1));
        assertEquals(2, errors.size());
        assertEquals(List.of("api", 2), ((List<?>) errors.get(0)).subList(0, 2));
        assertEquals("db timeout", ((List<?>) errors.get(0)).get(3));
        assertEquals(List.of("web", 1), ((List<?>) errors.get(1)).subList(0, 2));
        assertEquals("500", ((List<?>) errors.get(1)).get(3));

        List<?> gauge = rows(queries.get(2));
        assertEquals(2, gauge.size(), gauge.toString());
        List<?> first = (List<?>) gauge.get(0);
        assertEquals("host-a", first.get(1));
        assertEquals(0.5, ((Number) first.get(2)).doubleValue(), 1e-9);
        assertEquals(2, first.get(3));
        List<?> second = (List<?>) gauge.get(1);
        assertEquals(0.9, ((Number) second.get(2)).doubleValue(), 1e-9);
        assertEquals(1, second.get(3));

        // The same queries over Flight SQL (docs/flight-sql.md), from JDBC and from Python's ADBC.
        List<List<String>> overHttp = new ArrayList<>();
        for (String sql : queries) {
            overHttp.add(rows(sql).stream().map(row -> String.valueOf(((List<?>) row).get(0))).toList());
        }
        try (Connection connection = live.jdbc(""); Statement statement = connection.createStatement()) {
            for (int i = 0; i < queries.size(); i++) {
                List<String> firstColumn = new ArrayList<>();
                try (ResultSet result = statement.executeQuery(queries.get(i))) {
                    while (result.next()) {
                        firstColumn.add(result.getString(1));
                    }
                }
                assertEquals(overHttp.get(i).size(), firstColumn.size(), queries.get(i));
                if (i < 2) {
                    assertEquals(overHttp.get(i), firstColumn, queries.get(i));
                }
            }
        }
        assertEquals(overHttp.stream().map(List::size).toList(),
                new AdbcClient(live).run("ready", Map.of("queries", queries)).get("row_counts"));

        // Grafana's versions of them (docs/flight-sql.md), $__timeFilter expanded as its plugin
        // does, over the last hour: the same rows.
        String from = DateTimeFormatter.ISO_INSTANT.format(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        String to = DateTimeFormatter.ISO_INSTANT.format(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
        List<String> panels = sqlBlocks(FLIGHT_SQL_DOC, "### The ready queries through each client");
        assertEquals(3, panels.size(), "a Grafana version of each ready query");
        try (Connection connection = live.jdbc(""); Statement statement = connection.createStatement()) {
            for (int i = 0; i < panels.size(); i++) {
                String sql = panels.get(i).replaceAll("\\$__timeFilter\\((\\w+)\\)", "$1 >= '" + from + "' AND $1 <= '" + to + "'");
                int count = 0;
                try (ResultSet result = statement.executeQuery(sql)) {
                    while (result.next()) {
                        count++;
                    }
                }
                assertEquals(overHttp.get(i).size(), count, sql);
            }
        }
    }

    private List<?> rows(String sql) throws Exception {
        HttpResponse<String> response = live.query(sql);
        assertEquals(200, response.statusCode(), sql + " -> " + response.body());
        return (List<?>) ((Map<?, ?>) AdminJson.read(response.body())).get("rows");
    }

    /** The sql blocks under "## Ready queries", in order. */
    private static List<String> readyQueries() throws Exception {
        return sqlBlocks(QUERIES_DOC, "## Ready queries");
    }

    /** The sql blocks of {@code doc} from {@code heading} to the next heading of its level, in order. */
    private static List<String> sqlBlocks(Path doc, String heading) throws Exception {
        String text = Files.readString(doc);
        String section = text.substring(text.indexOf(heading) + heading.length());
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int next = section.indexOf("\n" + level);
        section = next < 0 ? section : section.substring(0, next);
        Matcher blocks = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> out = new ArrayList<>();
        while (blocks.find()) {
            out.add(blocks.group(1));
        }
        return out;
    }

    private TableBatch logs(int rows, int firstSerial) {
        List<Consumer<Row>> all = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int serial = firstSerial + r;
            all.add(log(Instant.now(), "svc-" + serial % 3, 9, "INFO", "line " + serial));
        }
        return batch(Table.LOGS, all);
    }

    /** Sets columns of one row by name. */
    private record Row(Table table, TableBatchBuilder builder) {
        Row time(String column, Instant at) {
            builder.setTimestampNanos(table.columnIndex(column), at.getEpochSecond() * 1_000_000_000L + at.getNano());
            return this;
        }

        Row text(String column, String value) {
            builder.setString(table.columnIndex(column), value);
            return this;
        }

        Row number(String column, long value) {
            if (table.columns().get(table.columnIndex(column)).type() == dev.eider.runtime.table.ColumnType.INTEGER) {
                builder.setInt(table.columnIndex(column), (int) value);
            } else {
                builder.setLong(table.columnIndex(column), value);
            }
            return this;
        }

        Row real(String column, double value) {
            builder.setDouble(table.columnIndex(column), value);
            return this;
        }
    }

    private TableBatch batch(Table table, List<Consumer<Row>> rows) {
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (Consumer<Row> row : rows) {
                builder.startRow();
                row.accept(new Row(table, builder));
            }
            return builder.build();
        }
    }

    private static Consumer<Row> span(Instant start, String service, String name, long durationNanos) {
        return r -> r.time("start_time_unix_nano", start).text("service_name", service).text("name", name)
                .number("duration_time_unix_nano", durationNanos).text("trace_id", "0af7651916cd43dd8448eb211c80319c");
    }

    private static Consumer<Row> log(Instant at, String service, int severity, String text, String body) {
        return r -> r.time("time_unix_nano", at).text("service_name", service).number("severity_number", severity)
                .text("severity_text", text).text("body", body);
    }

    private static Consumer<Row> gauge(Instant at, String service, String name, double value) {
        return r -> r.time("time_unix_nano", at).text("service_name", service).text("name", name)
                .real("double_value", value);
    }
}
