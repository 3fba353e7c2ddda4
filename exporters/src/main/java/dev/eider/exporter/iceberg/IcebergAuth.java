package dev.eider.exporter.iceberg;

import java.util.Objects;
import java.util.Optional;

/**
 * How the exporter authenticates to the REST catalog, as DuckDB's iceberg extension does it. The
 * records' {@code toString} never shows credentials, so a config can be logged.
 */
public sealed interface IcebergAuth {
    /** The {@code auth.type} value that selects this kind. */
    String type();

    /** No credentials: the catalog is open (or protected by the network). */
    record None() implements IcebergAuth {
        @Override
        public String type() {
            return "none";
        }
    }

    /**
     * OAuth2 client credentials, exchanged for a token at {@code tokenUri} (by default the
     * catalog's own {@code /v1/oauth/tokens}).
     */
    record OAuth2(String clientId, String clientSecret, Optional<String> tokenUri, Optional<String> scope)
            implements IcebergAuth {
        public OAuth2 {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(tokenUri, "tokenUri");
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public String type() {
            return "oauth2";
        }

        @Override
        public String toString() {
            return "OAuth2[clientId=" + clientId + ", clientSecret=***, tokenUri=" + tokenUri + ", scope=" + scope
                    + "]";
        }
    }

    /** A bearer token the catalog already issued. */
    record Bearer(String token) implements IcebergAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String type() {
            return "bearer";
        }

        @Override
        public String toString() {
            return "Bearer[token=***]";
        }
    }

    /** AWS Signature V4 request signing with static credentials (for Glue and S3 Tables endpoints). */
    record SigV4(String keyId, String secret, String region, Optional<String> sessionToken) implements IcebergAuth {
        public SigV4 {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String type() {
            return "sigv4";
        }

        @Override
        public String toString() {
            return "SigV4[keyId=" + keyId + ", secret=***, region=" + region + ", sessionToken="
                    + sessionToken.map(t -> "***").orElse("none") + "]";
        }
    }
}
