package dev.eider.exporter.ducklake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.testkit.ConfigBinding;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DuckLakeExporterFactoryTest {
    private final DuckLakeExporterFactory factory = new DuckLakeExporterFactory();

    @Test
    void describesItself() {
        assertEquals("ducklake", factory.type());
        assertEquals(ComponentKind.EXPORTER, factory.kind());
        assertEquals(Stability.BETA, factory.stability());
    }

    @Test
    void pinsEveryKeyAndDefault() {
        assertEquals(Set.of("metadata", "data_path", "schema", "create_tables", "target_file_size",
                "maintenance_retention", "extension_directory", "writer_id", "maintenance"),
                ConfigBinding.knownKeys(factory));
        assertEquals(new DuckLakeConfig("metadata.ducklake", Optional.empty(), "main", true, 256L * 1024 * 1024,
                Duration.ofMinutes(15), Optional.empty(), Optional.empty(), true),
                ConfigBinding.bind(factory, "metadata: metadata.ducklake"));
    }

    @Test
    void bindsEveryKey() {
        DuckLakeConfig config = ConfigBinding.bind(factory, """
                metadata: "postgres:dbname=lake host=localhost"
                data_path: s3://bucket/otel/
                schema: otel
                create_tables: false
                target_file_size: 64MiB
                maintenance_retention: 2h
                extension_directory: /opt/duckdb/extensions
                writer_id: collector-a
                maintenance: false
                """);
        assertEquals(new DuckLakeConfig("postgres:dbname=lake host=localhost", Optional.of("s3://bucket/otel/"), "otel",
                false, 64L << 20, Duration.ofHours(2), Optional.of("/opt/duckdb/extensions"),
                Optional.of("collector-a"), false), config);
        assertEquals(Optional.of("postgres"), config.metadataExtension());
        assertEquals(Optional.of("sqlite"), ConfigBinding.bind(factory, "metadata: sqlite:lake.sqlite").metadataExtension());
        assertEquals(Optional.empty(), ConfigBinding.bind(factory, "metadata: lake.ducklake").metadataExtension());
    }

    @Test
    void reportsEveryBadValue() {
        assertEquals(List.of(
                "exporters::ducklake::metadata: is required: the DuckLake catalog, a DuckDB file path, "
                        + "'sqlite:<file>' or 'postgres:<connection string>'",
                "exporters::ducklake::data_path: must not be empty when set",
                "exporters::ducklake::schema: 'a b' is not a plain identifier (letters, digits and '_', "
                        + "not starting with a digit)",
                "exporters::ducklake::target_file_size: must be > 0",
                "exporters::ducklake::maintenance_retention: must be > 0",
                "exporters::ducklake::extension_directory: must not be empty when set",
                "exporters::ducklake::writer_id: must not be empty when set"),
                ConfigBinding.errors(factory, """
                        data_path: ""
                        schema: a b
                        target_file_size: 0
                        maintenance_retention: 0s
                        extension_directory: ""
                        writer_id: ""
                        """));
    }

    @Test
    void aSharedCatalogNeedsARetentionThatOutlastsAnotherWritersSeal() {
        assertEquals(List.of("exporters::ducklake::maintenance_retention: must be at least 1m with a shared (sqlite: "
                + "or postgres:) catalog: maintenance deletes unlisted files older than this, and another writer's "
                + "seal still in flight has such files"), ConfigBinding.errors(factory, """
                        metadata: "postgres:dbname=lake"
                        maintenance_retention: 30s
                        """));
        assertEquals(Duration.ofSeconds(30), ConfigBinding.bind(factory, """
                metadata: lake.ducklake
                maintenance_retention: 30s
                """).maintenanceRetention());
    }

    @Test
    void aPasswordInTheConnectionStringIsMaskedForDisplay() {
        DuckLakeConfig config = ConfigBinding.bind(factory,
                "metadata: \"postgres:dbname=lake password=s3cret host=db PASSWORD = 'a b'\"");
        assertEquals("postgres:dbname=lake password=*** host=db PASSWORD = ***", config.metadataForDisplay());
    }

    @Test
    void moduleContributesTheFactory() {
        assertInstanceOf(DuckLakeExporterFactory.class, DuckLakeExporterModule.ducklake());
    }
}
