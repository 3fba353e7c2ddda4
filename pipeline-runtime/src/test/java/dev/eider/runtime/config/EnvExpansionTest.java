package dev.eider.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.TestFactories.FilterProcessorFactory;
import dev.eider.runtime.config.TestFactories.StoreExporterFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpansionTest {
    private static final Map<String, String> ENV = Map.of("DATA", "/srv/data", "DB", "eider.db", "EMPTY", "", "RETRIES", "7");

    private static ComponentBinding<TestFactories.StoreConfig> store(String yaml) {
        return TestFactories.bind(new StoreExporterFactory(), yaml, ENV);
    }

    private static List<String> storeErrors(String yaml) {
        return store(yaml).errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void expandsSeveralReferencesInsideOneValue() {
        assertEquals("/srv/data/eider.db", store("path: ${env:DATA}/${env:DB}").config().path());
        assertEquals("db-/srv/data-end", store("path: \"db-${env:DATA}-end\"").config().path());
    }

    @Test
    void expandedValuesAreParsedByType() {
        assertEquals(7, store("retries: ${env:RETRIES}").config().retries());
    }

    @Test
    void defaultsApplyWhenUnsetOrEmpty() {
        assertEquals("fallback.db", store("path: ${env:UNSET:-fallback.db}").config().path());
        assertEquals("x.db", store("path: ${env:EMPTY:-x.db}").config().path());
        assertEquals("/srv/data", store("path: ${env:DATA:-ignored}").config().path());
        assertEquals("a:-b", store("path: ${env:UNSET:-a:-b}").config().path());
    }

    @Test
    void aSetButEmptyVariableWithoutDefaultIsEmpty() {
        assertEquals(List.of("exporters::store::path: must not be empty (inline.yaml:1)"), storeErrors("path: ${env:EMPTY}"));
    }

    @Test
    void dollarDollarIsALiteralDollar() {
        assertEquals("${env:DATA}/$x$", store("path: $${env:DATA}/$$x$").config().path());
    }

    @Test
    void undefinedVariableNamesTheVariableAndPath() {
        assertEquals(List.of(
                        "exporters::store::path: environment variable STORE_PATH is not set "
                                + "(write ${env:STORE_PATH:-default} to give a default) (inline.yaml:2)"),
                storeErrors("retries: 1\npath: /a/${env:STORE_PATH}\n"));
    }

    @Test
    void malformedReferences() {
        assertEquals(List.of(
                        "exporters::store::path: unsupported reference '${file:/etc/x}'; use ${env:VAR} or ${env:VAR:-default} "
                                + "(write $$ for a literal $) (inline.yaml:1)",
                        "exporters::store::timeout: '${' without a closing '}' (write $$ for a literal $) (inline.yaml:2)",
                        "exporters::store::create_tables: '1X' in '${env:1X}' is not an environment variable name (inline.yaml:3)"),
                storeErrors("path: ${file:/etc/x}\ntimeout: ${env:T\ncreate_tables: ${env:1X}\n"));
    }

    @Test
    void expandsListEntriesAndServiceReferences() {
        assertEquals(List.of("/srv/data", "b"),
                TestFactories.bind(new FilterProcessorFactory(), "names: [\"${env:DATA}\", b]", ENV).config().names());
        CollectorConfig config = ConfigLoader.load("p.yaml", """
                receivers: { socket: }
                exporters: { store/main: }
                service: { pipelines: { logs: { receivers: [socket], exporters: ["store/${env:NAME}"] } } }
                """, TestFactories.registry(), Map.of("NAME", "main")::get);
        assertEquals(List.of(ComponentId.parse("store/main")), config.pipelines().get(0).exporters());
    }

    @Test
    void keysAreNotExpanded() {
        assertEquals(List.of("exporters::store::${env:DB}: unknown key (accepted: create_tables, path, retries, timeout) (inline.yaml:1)"),
                storeErrors("${env:DB}: x"));
    }
}
