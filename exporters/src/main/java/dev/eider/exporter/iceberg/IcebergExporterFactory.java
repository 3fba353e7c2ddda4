package dev.eider.exporter.iceberg;

import dev.eider.exporter.duckdb.DuckDbKeys;
import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The {@code iceberg} exporter type: seals rows into Iceberg tables of a REST catalog. */
public final class IcebergExporterFactory implements ExporterFactory<IcebergConfig> {
    public static final String TYPE = "iceberg";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.ALPHA;
    }

    @Override
    public IcebergConfig bind(ConfigSection section) {
        String endpoint = httpUrl(section, "endpoint", true).orElse("");
        String warehouse = section.string("warehouse", "");
        if (warehouse.isBlank()) {
            section.error("warehouse", "is required: the warehouse the REST catalog serves (its name or location)");
        }
        String namespace = DuckDbKeys.identifier(section, "namespace", IcebergConfig.DEFAULT_NAMESPACE);
        IcebergAuth auth = auth(section.section("auth"));
        if (auth instanceof IcebergAuth.SigV4 && !endpoint.isEmpty() && !endpoint.startsWith("https://")) {
            section.error("endpoint", "must be an https:// URL with auth type sigv4 (DuckDB sends signed "
                    + "requests over HTTPS only)");
        }
        boolean createTables = section.bool("create_tables", true);
        Optional<String> extensionDirectory = DuckDbKeys.extensionDirectory(section);
        return new IcebergConfig(endpoint, warehouse, namespace, auth, createTables, extensionDirectory);
    }

    @Override
    public Exporter create(ExporterContext context, IcebergConfig config) {
        if (!context.extraColumns().isEmpty()) {
            System.getLogger(IcebergExporterFactory.class.getName()).log(System.Logger.Level.WARNING,
                    "{0}: Iceberg tables cannot take promoted columns; {1} stay in the attribute JSON only",
                    context.id(), context.extraColumns().size());
        }
        return new IcebergExporter(context.id(), context.allocator(), config);
    }

    private static IcebergAuth auth(ConfigSection auth) {
        String type = auth.string("type", "none");
        switch (type) {
            case "none":
                return new IcebergAuth.None();
            case "oauth2":
                return new IcebergAuth.OAuth2(required(auth, type, "client_id", "the OAuth2 client id"),
                        required(auth, type, "client_secret", "the OAuth2 client secret"),
                        httpUrl(auth, "token_uri", false), optional(auth, "scope"));
            case "bearer":
                return new IcebergAuth.Bearer(required(auth, type, "token", "the bearer token"));
            case "sigv4":
                return new IcebergAuth.SigV4(required(auth, type, "key_id", "the AWS access key id"),
                        required(auth, type, "secret", "the AWS secret access key"),
                        required(auth, type, "region", "the AWS region to sign for"), optional(auth, "session_token"));
            default:
                auth.error("type", "'" + type + "' is not one of none, oauth2, bearer, sigv4");
                return new IcebergAuth.None();
        }
    }

    private static String required(ConfigSection section, String authType, String key, String what) {
        String value = section.string(key, "");
        if (value.isBlank()) {
            section.error(key, "is required for auth type " + authType + ": " + what);
        }
        return value;
    }

    private static Optional<String> optional(ConfigSection section, String key) {
        if (!section.has(key)) {
            return Optional.empty();
        }
        String value = section.string(key, "");
        if (value.isBlank()) {
            section.error(key, "must not be empty when set");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** An http(s) URL with a host; trailing slashes are dropped so paths can be appended. */
    private static Optional<String> httpUrl(ConfigSection section, String key, boolean required) {
        if (!required && !section.has(key)) {
            return Optional.empty();
        }
        String value = section.string(key, "");
        if (value.isBlank()) {
            section.error(key, required ? "is required: the REST catalog's URL, e.g. http://localhost:8181"
                    : "must not be empty when set");
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                section.error(key, "'" + value + "' is not an http:// or https:// URL with a host");
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            section.error(key, "'" + value + "' is not a URL: " + e.getReason());
            return Optional.empty();
        }
        return Optional.of(value.replaceAll("/+$", ""));
    }
}
