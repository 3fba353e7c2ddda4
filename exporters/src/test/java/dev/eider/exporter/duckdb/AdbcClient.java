package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.admin.AdminJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Apache Arrow's ADBC Flight SQL driver, from Python (src/test/python/flightsql/adbc_client.py in
 * the venv the build makes): runs one scenario of the script and returns what it printed.
 */
public final class AdbcClient {
    private static final long TIMEOUT_SECONDS = 120;

    private final Map<String, Object> connection;

    /** Connects to {@code live}'s Flight SQL endpoint with its token. */
    public AdbcClient(LiveCollector live) {
        this(live.flightSqlUri().toString(), LiveCollector.TOKEN);
    }

    public AdbcClient(String uri, String token) {
        connection = Map.of("uri", uri, "token", token);
    }

    /** {@code arguments}: the scenario's, besides the connection's. */
    public Map<?, ?> run(String scenario, Map<String, Object> arguments) throws IOException, InterruptedException {
        Map<String, Object> all = new LinkedHashMap<>(connection);
        all.putAll(arguments);
        all.put("scenario", scenario);
        Path python = Path.of(System.getProperty("eider.flightsql.python"));
        assertTrue(Files.isExecutable(python), python + " is missing: the build makes it (scripts/python-venv.sh)");
        Path out = Files.createTempFile("adbc-" + scenario, ".out");
        Path errors = Files.createTempFile("adbc-" + scenario, ".err");
        try {
            Process process = new ProcessBuilder(python.toString(), System.getProperty("eider.flightsql.client"),
                    AdminJson.write(all)).redirectOutput(out.toFile()).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(scenario + ": the ADBC client did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), scenario + ": " + printed + Files.readString(errors, StandardCharsets.UTF_8));
            return (Map<?, ?>) AdminJson.read(printed.strip());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(errors);
        }
    }
}
