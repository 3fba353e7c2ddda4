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
        assertEquals(Set.of("path", "extension_directory", "s3.region", "s3.endpoint", "s3.url_style", "s3.use_ssl",
                "s3.key_id", "s3.secret", "s3.session_token"), ConfigBinding.knownKeys(factory));
        ParquetConfig local = ConfigBinding.bind(factory, "path: ./data/parquet");
        assertEquals(new ParquetConfig("./data/parquet", Optional.empty(), Optional.empty()), local);
        assertFalse(local.remote());
    }

    @Test
    void s3PathWithDefaultsIsAwsS3WithTheKeyGiven() {
        ParquetConfig config = ConfigBinding.bind(factory, """
                path: s3://bucket/eider
                extension_directory: /opt/ext
                s3:
                  key_id: AKIAEXAMPLE
                  secret: example-secret""");
        assertEquals(new ParquetConfig("s3://bucket/eider", Optional.of("/opt/ext"), Optional.of(new S3Settings(
                Optional.empty(), Optional.empty(), S3Settings.UrlStyle.VHOST, true,
                new S3Credentials.Static("AKIAEXAMPLE", "example-secret", Optional.empty())))), config);
        assertTrue(config.remote());
    }

    @Test
    void s3CompatibleStoreWithEveryKey() {
        ParquetConfig config = ConfigBinding.bind(factory, """
                path: s3://telemetry/eider/
                s3:
                  region: eu-central-1
                  endpoint: minio.internal:9000
                  url_style: path
                  use_ssl: false
                  key_id: ${env:S3_KEY_ID:-minio}
                  secret: ${env:S3_SECRET:-minio-secret}
                  session_token: token-1""");
        assertEquals(Optional.of(new S3Settings(Optional.of("eu-central-1"), Optional.of("minio.internal:9000"),
                S3Settings.UrlStyle.PATH, false,
                new S3Credentials.Static("minio", "minio-secret", Optional.of("token-1")))), config.s3());
    }

    @Test
    void withoutAKeyTheCredentialChainFindsOne() {
        ParquetConfig config = ConfigBinding.bind(factory, "path: s3://bucket/eider\ns3:\n  region: us-west-2");
        assertEquals(new S3Settings(Optional.of("us-west-2"), Optional.empty(), S3Settings.UrlStyle.VHOST, true,
                new S3Credentials.CredentialChain()), config.s3().orElseThrow());
        assertEquals(new S3Credentials.CredentialChain(),
                ConfigBinding.bind(factory, "path: s3://bucket/eider").s3().orElseThrow().credentials());
    }

    @Test
    void credentialsAreNeverShown() {
        ParquetConfig config = ConfigBinding.bind(factory, """
                path: s3://bucket/eider
                s3:
                  key_id: AKIAEXAMPLE
                  secret: very-secret-value
                  session_token: very-secret-token""");
        assertFalse(config.toString().contains("very-secret"), config.toString());
        assertTrue(config.toString().contains("AKIAEXAMPLE"), config.toString());
    }

    @Test
    void pathIsRequiredAndExtensionDirectoryNotBlank() {
        assertEquals(List.of("exporters::parquet::path: is required: the directory (or s3:// URL) the Parquet files go under"),
                ConfigBinding.errors(factory, ""));
        assertEquals(List.of("exporters::parquet::extension_directory: must not be empty when set"),
                ConfigBinding.errors(factory, "path: x\nextension_directory: ''"));
    }

    @Test
    void s3SettingsErrors() {
        assertEquals(List.of(
                "exporters::parquet::s3::endpoint: 'http://localhost:9000' must be host[:port] without scheme or path"
                        + " (set use_ssl: false for plain HTTP)",
                "exporters::parquet::s3::url_style: 'virtual' is not one of vhost, path"),
                ConfigBinding.errors(factory, """
                        path: s3://bucket/eider
                        s3:
                          endpoint: http://localhost:9000
                          url_style: virtual"""));
        assertEquals(List.of("exporters::parquet::s3::secret: is required with key_id"
                        + " (or set neither to use the AWS credential chain)"),
                ConfigBinding.errors(factory, "path: s3://b/p\ns3:\n  key_id: AKIAEXAMPLE"));
        assertEquals(List.of("exporters::parquet::s3::key_id: is required with secret"
                        + " (or set neither to use the AWS credential chain)"),
                ConfigBinding.errors(factory, "path: s3://b/p\ns3:\n  secret: s"));
        assertEquals(List.of("exporters::parquet::s3::session_token: goes with key_id and secret"
                        + " (the credential chain finds its own)"),
                ConfigBinding.errors(factory, "path: s3://b/p\ns3:\n  session_token: t"));
        assertEquals(List.of("exporters::parquet::s3::secret: must not be empty when set"),
                ConfigBinding.errors(factory, "path: s3://b/p\ns3:\n  key_id: k\n  secret: ${env:NOT_SET:-}"));
        assertEquals(List.of("exporters::parquet::s3: applies to an s3:// path only, and path is './local'"),
                ConfigBinding.errors(factory, "path: ./local\ns3:\n  region: us-east-1"));
    }
}
