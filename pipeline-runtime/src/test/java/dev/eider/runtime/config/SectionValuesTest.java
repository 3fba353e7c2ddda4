package dev.eider.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eider.runtime.config.TestFactories.BufferConfig;
import dev.eider.runtime.config.TestFactories.BufferProcessorFactory;
import dev.eider.runtime.config.TestFactories.StoreConfig;
import dev.eider.runtime.config.TestFactories.StoreExporterFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SectionValuesTest {

    private static List<String> errors(ComponentBinding<?> binding) {
        return binding.errors().stream().map(ConfigError::toString).toList();
    }

    @ParameterizedTest
    @CsvSource({
        "4096, 4096",
        "0, 0",
        "512KiB, 524288",
        "16MiB, 16777216",
        "1GiB, 1073741824",
        "2TiB, 2199023255552",
        "10KB, 10000",
        "16MB, 16000000",
        "1GB, 1000000000",
        "'3 MiB', 3145728",
        "100B, 100"
    })
    void sizes(String text, long bytes) {
        assertEquals(bytes, Units.size(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1", "1.5MiB", "16mib", "16 M", "99999999999TiB", "12XB"})
    void badSizes(String text) {
        assertThrows(IllegalArgumentException.class, () -> Units.size(text));
    }

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "5s, PT5S", "15m, PT15M", "2h, PT2H", "1h30m, PT1H30M", "0, PT0S", "0s, PT0S"})
    void durations(String text, Duration expected) {
        assertEquals(expected, Units.duration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 s", "1.5s", "s", "-5s", "5d", "5s3", "x5s", "9999999999999999999h"})
    void badDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> Units.duration(text));
    }

    @Test
    void sizeAndDurationValuesBind() {
        ComponentBinding<BufferConfig> binding = ComponentBinding.bind(new BufferProcessorFactory(),
                "target: 512KiB\nmax_age: 15m\n", name -> null);
        assertEquals(new BufferConfig(512 << 10, Duration.ofMinutes(15)), binding.config());
        assertEquals(List.of(), binding.errors());
    }

    @Test
    void badValuesAreReportedWithLineAndTheDefaultIsKept() {
        ComponentBinding<StoreConfig> binding = ComponentBinding.bind(new StoreExporterFactory(), """
                path: { nested: true }
                timeout: 5 minutes
                retries: many
                create_tables: yes please
                """, name -> null);
        assertEquals(new StoreConfig("eider.db", Duration.ofSeconds(30), 3, true), binding.config());
        assertEquals(List.of(
                        "exporters::store::path: must be a string, not a mapping (inline.yaml:1)",
                        "exporters::store::timeout: '5 minutes' is not a duration; write a number with a unit: 250ms, 5s, 15m or 2h (inline.yaml:2)",
                        "exporters::store::retries: must be an integer, not 'many' (inline.yaml:3)",
                        "exporters::store::create_tables: must be true or false, not 'yes please' (inline.yaml:4)"),
                errors(binding));
    }

    @Test
    void outOfRangeIntegers() {
        assertEquals(List.of("exporters::store::retries: must be between 0 and 10, not -1 (inline.yaml:1)"),
                errors(ComponentBinding.bind(new StoreExporterFactory(), "retries: -1", name -> null)));
        assertEquals(List.of("exporters::store::retries: must be between 0 and 10, not 99999999999 (inline.yaml:1)"),
                errors(ComponentBinding.bind(new StoreExporterFactory(), "retries: 99999999999", name -> null)));
    }

    @Test
    void nullValuesMeanTheDefault() {
        assertEquals(new StoreConfig("eider.db", Duration.ofSeconds(30), 3, true),
                ComponentBinding.bind(new StoreExporterFactory(), "path:\ntimeout: ~\nretries: null", name -> null).config());
    }

    @Test
    void booleansFollowTheYamlCoreSchema() {
        assertEquals(false, ComponentBinding.bind(new StoreExporterFactory(), "create_tables: False", name -> null)
                .config().createTables());
        assertEquals(false, ComponentBinding.bind(new StoreExporterFactory(), "create_tables: \"false\"", name -> null)
                .config().createTables());
    }

    @Test
    void nestedSectionMustBeAMapping() {
        assertEquals(List.of("receivers::multi::protocols: must be a mapping, not 'http' (inline.yaml:1)",
                        "receivers::multi::protocols: must enable http or grpc (inline.yaml:1)"),
                errors(ComponentBinding.bind(new TestFactories.MultiReceiverFactory(), "protocols: http", name -> null)));
    }

    @Test
    void knownKeysAreTheKeysReadFromAnEmptyMappingNestedDotted() {
        assertEquals(Set.of("protocols.http.endpoint", "protocols.grpc.endpoint"),
                ComponentBinding.bind(new TestFactories.MultiReceiverFactory(), "", name -> null).knownKeys());
        assertEquals(List.of("create_tables", "path", "retries", "timeout"),
                List.copyOf(ComponentBinding.bind(new StoreExporterFactory(), "", Map.<String, String>of()::get).knownKeys()));
    }

    @Test
    void knownKeysOfASectionThatIsOnlyCheckedForPresence() {
        MappingSection section = MappingSection.root("x", null, new Problems(List.of()), name -> null);
        section.section("tls");
        section.string("mode", "a");
        assertEquals(Set.of("mode", "tls"), section.knownKeys());
    }
}
