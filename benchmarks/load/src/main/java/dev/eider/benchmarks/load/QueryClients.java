package dev.eider.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The query side of benchmarks/flight-sql.sh, against a running collector:
 * <pre>
 * java -cp load.jar dev.eider.benchmarks.load.QueryClients scan FLIGHT_PORT ADMIN_URL TOKEN REPEAT SQL
 *     the same query, REPEAT times each after one unmeasured round, alternating: over Flight SQL
 *     with Arrow's JDBC driver (every value read with getObject) and over POST /v1/query as JSON
 *     (every token parsed)
 * java -cp load.jar dev.eider.benchmarks.load.QueryClients every FLIGHT_PORT TOKEN SECONDS SQL
 *     the query over Flight SQL once a second (the next starts on the next tick after one ends)
 * </pre>
 * Each prints one JSON object on stdout.
 */
public final class QueryClients {
    private QueryClients() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: QueryClients scan FLIGHT_PORT ADMIN_URL TOKEN REPEAT SQL"
                    + " | every FLIGHT_PORT TOKEN SECONDS SQL");
            System.exit(2);
        }
        try {
            String json = switch (args[0]) {
                case "scan" -> scan(Integer.parseInt(args[1]), URI.create(args[2]), args[3], Integer.parseInt(args[4]), args[5]);
                case "every" -> every(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), args[4]);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            };
            System.out.println(json);
        } catch (Exception | Error e) {
            e.printStackTrace();
            // The JDBC driver's threads are not daemons: without an exit a failure would hang here.
            System.exit(1);
        }
        System.exit(0);
    }

    private static Connection flight(int port, String token) throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://localhost:" + port
                + "?useEncryption=false&token=" + token);
    }

    private static String scan(int port, URI admin, String token, int repeat, String sql) throws Exception {
        List<Double> flightSeconds = new ArrayList<>();
        List<Double> jsonSeconds = new ArrayList<>();
        long flightRows = 0;
        long jsonValues = 0;
        HttpClient http = HttpClient.newHttpClient();
        try (Connection connection = flight(port, token)) {
            // One unmeasured round of each first: both clients' code is compiled by then.
            readAll(connection, sql);
            parseAll(http, admin, token, sql);
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                flightRows = readAll(connection, sql);
                flightSeconds.add((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                jsonValues = parseAll(http, admin, token, sql);
                jsonSeconds.add((System.nanoTime() - start) / 1e9);
            }
        }
        double flight = median(flightSeconds);
        double json = median(jsonSeconds);
        return String.format(Locale.ROOT, "{\"rows\":%d,\"json_values\":%d,\"flight_s\":%.3f,\"json_s\":%.3f,"
                + "\"flight_rows_per_s\":%.0f,\"json_rows_per_s\":%.0f,\"ratio\":%.2f,\"flight_runs\":%s,\"json_runs\":%s}",
                flightRows, jsonValues, flight, json, flightRows / flight, flightRows / json, json / flight,
                flightSeconds, jsonSeconds);
    }

    /** Every row, every value, as a JDBC program reads them. */
    private static long readAll(Connection connection, String sql) throws SQLException {
        long rows = 0;
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int c = 1; c <= columns; c++) {
                    result.getObject(c);
                }
                rows++;
            }
        }
        return rows;
    }

    /** The JSON answer, every token parsed (no object tree: the cheapest full read of it). */
    private static long parseAll(HttpClient http, URI admin, String token, String sql) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(admin.resolve("/v1/query"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofInputStream());
        long values = 0;
        try (InputStream body = response.body(); JsonParser parser = new JsonFactory().createParser(body)) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/v1/query answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes()));
            }
            for (JsonToken next = parser.nextToken(); next != null; next = parser.nextToken()) {
                if (next.isScalarValue()) {
                    parser.getText();
                    values++;
                }
            }
        }
        return values;
    }

    private static String every(int port, String token, int seconds, String sql) throws Exception {
        List<Double> durations = new ArrayList<>();
        int errors = 0;
        String lastError = null;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (Connection connection = flight(port, token)) {
            long tick = System.nanoTime();
            while (tick < end) {
                long start = System.nanoTime();
                try {
                    readAll(connection, sql);
                    durations.add((System.nanoTime() - start) / 1e9);
                } catch (SQLException | RuntimeException e) {
                    errors++;
                    lastError = e.getMessage();
                }
                while (tick <= System.nanoTime()) {
                    tick += 1_000_000_000L;
                }
                long wait = tick - System.nanoTime();
                if (tick < end && wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        List<Double> sorted = new ArrayList<>(durations);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "{\"queries\":%d,\"errors\":%d,\"median_s\":%.3f,\"max_s\":%.3f,\"last_error\":%s}",
                durations.size(), errors, sorted.isEmpty() ? 0 : median(sorted), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                lastError == null ? "null" : "\"" + lastError.replace("\\", "\\\\").replace("\"", "'").replace("\n", " ") + "\"");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
