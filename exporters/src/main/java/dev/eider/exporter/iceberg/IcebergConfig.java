package dev.eider.exporter.iceberg;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code iceberg} exporter's settings.
 *
 * @param endpoint the REST catalog's base URL ({@code http(s)://host:port[/path]}), without {@code /v1}
 * @param warehouse the warehouse name or location the catalog is asked for (its {@code warehouse} config)
 * @param namespace the namespace the six tables live in
 * @param auth how to authenticate to the catalog
 * @param createTables create the namespace and missing tables at start (then validate them all)
 * @param extensionDirectory where DuckDB installs and loads extensions from, if not its default
 */
public record IcebergConfig(
        String endpoint,
        String warehouse,
        String namespace,
        IcebergAuth auth,
        boolean createTables,
        Optional<String> extensionDirectory) {
    public static final String DEFAULT_NAMESPACE = "eider";

    public IcebergConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(extensionDirectory, "extensionDirectory");
    }
}
