package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.testkit.ConfigBinding;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DuckDbExporterFactoryTest {
    private final DuckDbExporterFactory factory = new DuckDbExporterFactory();

    @Test
    void describesItself() {
        assertEquals("duckdb", factory.type());
        assertEquals(ComponentKind.EXPORTER, factory.kind());
        assertEquals(Stability.BETA, factory.stability());
    }

    @Test
    void emptySectionBindsDefaults() {
        assertEquals(Set.of("path", "schema", "create_tables", "extension_directory"), ConfigBinding.knownKeys(factory));
        assertEquals(new DuckDbConfig("./eider.duckdb", "main", true, Optional.empty()), ConfigBinding.bind(factory, ""));
    }

    @Test
    void bindsEveryKey() {
        DuckDbConfig config = ConfigBinding.bind(factory,
                "{path: ':memory:', schema: otel_2, create_tables: false, extension_directory: /opt/duckdb/ext}");
        assertEquals(new DuckDbConfig(":memory:", "otel_2", false, Optional.of("/opt/duckdb/ext")), config);
        assertTrue(config.inMemory());
    }

    @Test
    void reportsEveryBadValue() {
        List<String> errors = ConfigBinding.errors(factory,
                "{path: ' ', schema: 'my schema;drop', extension_directory: ''}");
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("exporters::duckdb::path: must not be empty"), errors.get(0));
        assertTrue(errors.get(1).startsWith("exporters::duckdb::schema: 'my schema;drop' is not a plain identifier"),
                errors.get(1));
        assertTrue(errors.get(2).startsWith("exporters::duckdb::extension_directory: must not be empty"),
                errors.get(2));
    }

    @Test
    void schemaMustNotStartWithADigit() {
        List<String> errors = ConfigBinding.errors(factory, "schema: 1st");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("exporters::duckdb::schema: '1st'"), errors.get(0));
    }

    @Test
    void moduleContributesTheFactory() {
        assertInstanceOf(DuckDbExporterFactory.class, DuckDbExporterModule.duckdb());
    }
}
