package dev.eider.exporter.parquet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives one of the exporter's DuckDB connections access to its S3 store: DuckDB's httpfs (and
 * for the credential chain its aws extension) loaded, and one temporary S3 secret. Every value is
 * bound as a statement parameter, so no credential is ever part of SQL text or of an error.
 */
final class S3Access {
    private static final String SECRET = "eider_parquet_s3";

    private S3Access() {}

    /** Loads the extensions and creates the secret on {@code connection}; errors name the store, never a credential. */
    static void grant(Connection connection, S3Settings s3, String root) throws SQLException {
        load(connection, "httpfs", root);
        if (s3.credentials() instanceof S3Credentials.CredentialChain) {
            load(connection, "aws", root);
        }
        List<String> fields = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        fields.add("TYPE s3");
        if (s3.credentials() instanceof S3Credentials.Static key) {
            add(fields, values, "KEY_ID", key.keyId());
            add(fields, values, "SECRET", key.secret());
            key.sessionToken().ifPresent(token -> add(fields, values, "SESSION_TOKEN", token));
        } else {
            fields.add("PROVIDER credential_chain");
        }
        s3.region().ifPresent(region -> add(fields, values, "REGION", region));
        s3.endpoint().ifPresent(endpoint -> add(fields, values, "ENDPOINT", endpoint));
        add(fields, values, "URL_STYLE", s3.urlStyle().key());
        add(fields, values, "USE_SSL", s3.useSsl());
        String sql = "CREATE OR REPLACE TEMPORARY SECRET " + SECRET + " (" + String.join(", ", fields) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.execute();
        } catch (SQLException e) {
            String hint = s3.credentials() instanceof S3Credentials.CredentialChain
                    ? " (no s3.key_id and s3.secret are set, so the AWS credential chain looks for a key in the"
                            + " environment, the ~/.aws files, SSO, and instance or container roles)"
                    : " (" + s3.credentials().kind() + ")";
            throw new SQLException("cannot set up S3 access for " + root + hint + ": " + e.getMessage(), e);
        }
    }

    private static void add(List<String> fields, List<Object> values, String name, Object value) {
        fields.add(name + " ?");
        values.add(value);
    }

    private static void load(Connection connection, String extension, String root) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSTALL " + extension);
            statement.execute("LOAD " + extension);
        } catch (SQLException e) {
            throw new SQLException("path " + root + " needs DuckDB's " + extension + " extension, which could not be"
                    + " loaded (set extension_directory to where it is installed): " + e.getMessage(), e);
        }
    }
}
