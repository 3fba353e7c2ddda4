package dev.eider.exporter.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.testkit.ConfigBinding;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParquetExporterFactoryTest {
    private final ParquetExporterFactory factory = new ParquetExporterFactory();

    @Test
    void keysAndBinding() {
        assertEquals("parquet", factory.type());
        assertEquals(Set.of("path", "extension_directory"), ConfigBinding.knownKeys(factory));
        ParquetConfig local = ConfigBinding.bind(factory, "path: ./data/parquet");
        assertEquals(new ParquetConfig("./data/parquet", Optional.empty()), local);
        assertFalse(local.remote());
    }

    @Test
    void s3PathAndExtensionDirectory() {
        ParquetConfig config = ConfigBinding.bind(factory, "path: s3://bucket/eider\nextension_directory: /opt/ext");
        assertEquals(new ParquetConfig("s3://bucket/eider", Optional.of("/opt/ext")), config);
        assertTrue(config.remote());
    }

    @Test
    void pathIsRequiredAndExtensionDirectoryNotBlank() {
        assertEquals(List.of("exporters::parquet::path: is required: the directory (or s3:// URL) the Parquet files go under"),
                ConfigBinding.errors(factory, ""));
        assertEquals(List.of("exporters::parquet::extension_directory: must not be empty when set"),
                ConfigBinding.errors(factory, "path: x\nextension_directory: ''"));
    }
}
