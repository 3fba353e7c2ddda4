package dev.eider.exporter.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Stability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        MapConfigSection section = new MapConfigSection(Map.of());
        DuckDbConfig config = factory.bind(section);
        assertEquals(new DuckDbConfig("./eider.duckdb", "main", true, Optional.empty()), config);
        assertEquals(List.of(), section.errors);
    }

    @Test
    void bindsEveryKey() {
        MapConfigSection section = new MapConfigSection(Map.of(
                "path", ":memory:", "schema", "otel_2", "create_tables", false,
                "extension_directory", "/opt/duckdb/ext"));
        DuckDbConfig config = factory.bind(section);
        assertEquals(new DuckDbConfig(":memory:", "otel_2", false, Optional.of("/opt/duckdb/ext")), config);
        assertTrue(config.inMemory());
        assertEquals(List.of(), section.errors);
    }

    @Test
    void reportsEveryBadValue() {
        MapConfigSection section = new MapConfigSection(Map.of(
                "path", " ", "schema", "my schema;drop", "extension_directory", ""));
        factory.bind(section);
        assertEquals(3, section.errors.size(), section.errors.toString());
        assertTrue(section.errors.get(0).startsWith("path: must not be empty"), section.errors.get(0));
        assertTrue(section.errors.get(1).startsWith("schema: 'my schema;drop' is not a plain identifier"),
                section.errors.get(1));
        assertTrue(section.errors.get(2).startsWith("extension_directory: must not be empty"), section.errors.get(2));
    }

    @Test
    void schemaMustNotStartWithADigit() {
        MapConfigSection section = new MapConfigSection(Map.of("schema", "1st"));
        factory.bind(section);
        assertEquals(1, section.errors.size(), section.errors.toString());
    }

    @Test
    void moduleContributesTheFactory() {
        assertInstanceOf(DuckDbExporterFactory.class, DuckDbExporterModule.duckdb());
    }
}
