package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.distribution.CollectorCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The distribution as the CLI sees it: its component list and its example configuration. */
class CustomDistributionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CollectorCli cli = new CollectorCli(DaggerCustomDistribution.create(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.<String, String>of()::get);

    @Test
    void componentsListsTheStandardComponentsAndRowCount() {
        assertEquals(0, cli.run(new String[] {"components"}), text(err));
        String components = text(out);
        assertTrue(components.matches("(?s).*\\n  row_count +development\\n.*"), components);
        assertTrue(components.contains("  otlp "), components);
        assertTrue(components.contains("  duckdb "), components);
    }

    @Test
    void theExampleConfigurationValidates() {
        // the tests run in the project directory, where collector.yaml is
        assertEquals(0, cli.run(new String[] {"validate", "--config", "collector.yaml"}), text(err));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
