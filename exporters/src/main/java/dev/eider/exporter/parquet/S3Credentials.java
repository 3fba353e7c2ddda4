package dev.eider.exporter.parquet;

import java.util.Objects;
import java.util.Optional;

/** Where the S3 access key comes from. The records' {@code toString} never shows a secret, so a config can be logged. */
public sealed interface S3Credentials {
    /** What the kind is called in messages. */
    String kind();

    /** An access key given in the config (typically through {@code ${env:...}}). */
    record Static(String keyId, String secret, Optional<String> sessionToken) implements S3Credentials {
        public Static {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String kind() {
            return "key_id and secret";
        }

        @Override
        public String toString() {
            return "Static[keyId=" + keyId + ", secret=***, sessionToken=" + sessionToken.map(t -> "***").orElse("none")
                    + "]";
        }
    }

    /**
     * DuckDB's AWS credential chain (its aws extension), used when the config gives no key:
     * environment variables, the shared config and credentials files, SSO, instance and
     * container roles.
     */
    record CredentialChain() implements S3Credentials {
        @Override
        public String kind() {
            return "AWS credential chain";
        }
    }
}
