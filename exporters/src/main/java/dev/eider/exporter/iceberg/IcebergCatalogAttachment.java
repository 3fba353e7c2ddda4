package dev.eider.exporter.iceberg;

import static dev.eider.exporter.duckdb.DuckDbWriter.sqlString;

import dev.eider.runtime.table.Table;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a DuckDB database attaches the exporter's REST catalog, with the exporter's settings and
 * credentials: the writer's database (read-write) and every query's own database (read-only).
 */
final class IcebergCatalogAttachment {
    /** The alias the catalog is attached under, in the writer's and in every query's database. */
    static final String CATALOG = "eider_iceberg";
    /** httpfs carries the REST requests and object-storage I/O; avro reads Iceberg manifests. */
    static final List<String> EXTENSIONS = List.of("httpfs", "avro", "iceberg");
    /** The temporary secret holding the catalog credentials. */
    private static final String SECRET = "eider_iceberg_auth";

    /** Runs one SQL statement on the database being attached to. */
    interface Sql {
        void execute(String sql) throws SQLException;
    }

    private final IcebergConfig config;

    IcebergCatalogAttachment(IcebergConfig config) {
        this.config = config;
    }

    /** Creates the credentials secret (if the auth has one) and attaches; the extensions are loaded. */
    void attach(Sql sql, boolean readOnly) throws SQLException {
        List<String> options = new ArrayList<>();
        options.add("TYPE iceberg");
        IcebergAuth auth = config.auth();
        // With SigV4, DuckDB puts "https://" in front of the endpoint itself.
        String endpoint = auth instanceof IcebergAuth.SigV4 ? config.endpoint().substring("https://".length())
                : config.endpoint();
        options.add("ENDPOINT " + sqlString(endpoint));
        if (auth instanceof IcebergAuth.None) {
            options.add("AUTHORIZATION_TYPE 'none'");
        } else {
            sql.execute(createSecretSql(auth, config.endpoint()));
            if (auth instanceof IcebergAuth.SigV4) {
                options.add("AUTHORIZATION_TYPE 'sigv4'");
            }
            options.add("SECRET " + SECRET);
        }
        if (readOnly) {
            options.add("READ_ONLY");
        }
        try {
            sql.execute("ATTACH " + sqlString(config.warehouse()) + " AS " + Table.quote(CATALOG) + " ("
                    + String.join(", ", options) + ")");
        } catch (SQLException e) {
            throw new SQLException("cannot attach Iceberg REST catalog " + config.endpoint() + " (warehouse "
                    + config.warehouse() + ", auth " + auth.type() + "): " + e.getMessage(), e);
        }
    }

    /** The {@code CREATE SECRET} for credentialed auth: in memory, in the attaching database only. */
    private static String createSecretSql(IcebergAuth auth, String endpoint) {
        List<String> fields = new ArrayList<>();
        if (auth instanceof IcebergAuth.OAuth2 oauth) {
            fields.add("TYPE iceberg");
            fields.add("CLIENT_ID " + sqlString(oauth.clientId()));
            fields.add("CLIENT_SECRET " + sqlString(oauth.clientSecret()));
            // The REST spec's default token endpoint, stated rather than left to DuckDB's default.
            fields.add("OAUTH2_SERVER_URI " + sqlString(oauth.tokenUri().orElse(endpoint + "/v1/oauth/tokens")));
            oauth.scope().ifPresent(scope -> fields.add("OAUTH2_SCOPE " + sqlString(scope)));
        } else if (auth instanceof IcebergAuth.Bearer bearer) {
            fields.add("TYPE iceberg");
            fields.add("TOKEN " + sqlString(bearer.token()));
        } else if (auth instanceof IcebergAuth.SigV4 sigv4) {
            fields.add("TYPE s3");
            fields.add("KEY_ID " + sqlString(sigv4.keyId()));
            fields.add("SECRET " + sqlString(sigv4.secret()));
            fields.add("REGION " + sqlString(sigv4.region()));
            sigv4.sessionToken().ifPresent(token -> fields.add("SESSION_TOKEN " + sqlString(token)));
        } else {
            throw new IllegalArgumentException("auth " + auth.type() + " takes no secret");
        }
        return "CREATE TEMPORARY SECRET " + SECRET + " (" + String.join(", ", fields) + ")";
    }
}
