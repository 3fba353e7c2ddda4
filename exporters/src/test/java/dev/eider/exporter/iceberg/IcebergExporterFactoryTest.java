package dev.eider.exporter.iceberg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.testkit.ConfigBinding;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IcebergExporterFactoryTest {
    private final IcebergExporterFactory factory = new IcebergExporterFactory();

    @Test
    void describesItself() {
        assertEquals("iceberg", factory.type());
        assertEquals(ComponentKind.EXPORTER, factory.kind());
        assertEquals(Stability.ALPHA, factory.stability());
    }

    @Test
    void pinsEveryKeyAndDefault() {
        assertEquals(Set.of("endpoint", "warehouse", "namespace", "auth.type", "create_tables",
                "extension_directory"), ConfigBinding.knownKeys(factory));
        assertEquals(new IcebergConfig("http://localhost:8181", "lake", "eider", new IcebergAuth.None(), true,
                Optional.empty()), ConfigBinding.bind(factory, """
                        endpoint: http://localhost:8181/
                        warehouse: lake
                        """));
    }

    @Test
    void bindsEveryKeyAndEachAuthType() {
        IcebergConfig config = ConfigBinding.bind(factory, """
                endpoint: https://catalog.example.com/api/catalog
                warehouse: s3://bucket/warehouse
                namespace: otel
                create_tables: false
                extension_directory: /opt/duckdb/extensions
                auth:
                  type: oauth2
                  client_id: collector
                  client_secret: pw
                  token_uri: https://idp.example.com/oauth/token
                  scope: PRINCIPAL_ROLE:ALL
                """);
        assertEquals(new IcebergConfig("https://catalog.example.com/api/catalog", "s3://bucket/warehouse", "otel",
                new IcebergAuth.OAuth2("collector", "pw", Optional.of("https://idp.example.com/oauth/token"),
                        Optional.of("PRINCIPAL_ROLE:ALL")), false, Optional.of("/opt/duckdb/extensions")), config);
        assertEquals(new IcebergAuth.OAuth2("c", "s", Optional.empty(), Optional.empty()), auth("""
                  type: oauth2
                  client_id: c
                  client_secret: s
                """));
        assertEquals(new IcebergAuth.Bearer("t0ken"), auth("""
                  type: bearer
                  token: t0ken
                """));
        assertEquals(new IcebergAuth.SigV4("AKID", "sk", "us-east-1", Optional.of("st")), auth("""
                  type: sigv4
                  key_id: AKID
                  secret: sk
                  region: us-east-1
                  session_token: st
                """));
    }

    @Test
    void credentialsStayOutOfToString() {
        String shown = List.of(new IcebergAuth.OAuth2("c", "client-pw", Optional.empty(), Optional.empty()),
                new IcebergAuth.Bearer("bearer-tok"), new IcebergAuth.SigV4("AKID", "aws-sk", "r", Optional.of("aws-st")))
                .toString();
        for (String secret : List.of("client-pw", "bearer-tok", "aws-sk", "aws-st")) {
            assertFalse(shown.contains(secret), shown);
        }
    }

    @Test
    void reportsEveryBadValue() {
        assertEquals(List.of(
                "exporters::iceberg::endpoint: is required: the REST catalog's URL, e.g. http://localhost:8181",
                "exporters::iceberg::warehouse: is required: the warehouse the REST catalog serves (its name or "
                        + "location)",
                "exporters::iceberg::namespace: 'a.b' is not a plain identifier (letters, digits and '_', "
                        + "not starting with a digit)",
                "exporters::iceberg::auth::type: 'kerberos' is not one of none, oauth2, bearer, sigv4",
                "exporters::iceberg::extension_directory: must not be empty when set"),
                ConfigBinding.errors(factory, """
                        namespace: a.b
                        auth:
                          type: kerberos
                        extension_directory: ""
                        """));
        assertEquals(List.of("exporters::iceberg::endpoint: 'ftp://catalog' is not an http:// or https:// URL "
                + "with a host"), ConfigBinding.errors(factory, """
                        endpoint: ftp://catalog
                        warehouse: w
                        """));
    }

    @Test
    void eachAuthTypeNamesItsMissingFields() {
        assertEquals(List.of(
                "exporters::iceberg::auth::client_id: is required for auth type oauth2: the OAuth2 client id",
                "exporters::iceberg::auth::client_secret: is required for auth type oauth2: the OAuth2 client secret"),
                errors("type: oauth2"));
        assertEquals(List.of("exporters::iceberg::auth::token: is required for auth type bearer: the bearer token"),
                errors("type: bearer"));
        assertEquals(List.of(
                "exporters::iceberg::endpoint: must be an https:// URL with auth type sigv4 (DuckDB sends signed "
                        + "requests over HTTPS only)",
                "exporters::iceberg::auth::key_id: is required for auth type sigv4: the AWS access key id",
                "exporters::iceberg::auth::secret: is required for auth type sigv4: the AWS secret access key",
                "exporters::iceberg::auth::region: is required for auth type sigv4: the AWS region to sign for"),
                errors("type: sigv4"));
    }

    @Test
    void moduleContributesTheFactory() {
        assertInstanceOf(IcebergExporterFactory.class, IcebergExporterModule.iceberg());
    }

    private IcebergAuth auth(String authMapping) {
        return ConfigBinding.bind(factory, "endpoint: https://c\nwarehouse: w\nauth:\n" + authMapping).auth();
    }

    private List<String> errors(String authLine) {
        return ConfigBinding.errors(factory, "endpoint: http://c\nwarehouse: w\nauth:\n  " + authLine);
    }
}
