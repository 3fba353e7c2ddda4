package dev.eider.runtime.tls;

import dev.eider.runtime.config.ConfigSection;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A listener's {@code tls} block, with the OpenTelemetry Collector's key names. Paths are
 * absolute (relative ones resolve against the working directory), so two listeners naming one
 * file the same way compare equal.
 *
 * @param certFile       the server certificate chain (PEM), leaf first
 * @param keyFile        the certificate's private key (unencrypted PKCS#8 PEM)
 * @param clientCaFile   when present, clients must present a certificate issued by one of these
 *                       CAs (mutual TLS); when absent, no client certificate is asked for
 * @param minVersion     the lowest TLS version accepted
 * @param reloadInterval how often the files are checked for change; zero never checks
 */
public record TlsConfig(Path certFile, Path keyFile, Optional<Path> clientCaFile, TlsVersion minVersion,
        Duration reloadInterval) {
    public static final String TLS = "tls";
    public static final String CERT_FILE = "cert_file";
    public static final String KEY_FILE = "key_file";
    public static final String CLIENT_CA_FILE = "client_ca_file";
    public static final String MIN_VERSION = "min_version";
    public static final String RELOAD_INTERVAL = "reload_interval";

    public static final TlsVersion DEFAULT_MIN_VERSION = TlsVersion.TLS_1_2;
    /**
     * Renewals (cert-manager, ACME clients) replace certificates days before they expire, so a
     * minute of lag costs nothing, and hashing a few small files once a minute costs nothing either.
     */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofMinutes(1);

    /**
     * Reads the {@code tls} block of a listener's section: absent means plaintext. The files are
     * loaded once here, so a missing file, a key that cannot be read or a key that does not match
     * the certificate is a config error naming the key and the file.
     */
    public static Optional<TlsConfig> read(ConfigSection listener) {
        if (!listener.has(TLS)) {
            return Optional.empty();
        }
        ConfigSection tls = listener.section(TLS);
        Path cert = requiredPath(tls, CERT_FILE, "the server certificate chain (PEM)");
        Path key = requiredPath(tls, KEY_FILE, "the private key of cert_file (PKCS#8 PEM)");
        Optional<Path> clientCa = Optional.ofNullable(path(tls, CLIENT_CA_FILE));
        String versionText = tls.string(MIN_VERSION, DEFAULT_MIN_VERSION.configName());
        TlsVersion version = TlsVersion.fromConfig(versionText);
        if (version == null) {
            tls.error(MIN_VERSION, "must be 1.2 or 1.3, not '" + versionText + "'");
        }
        Duration reload = tls.duration(RELOAD_INTERVAL, DEFAULT_RELOAD_INTERVAL);
        if (reload.isNegative()) {
            tls.error(RELOAD_INTERVAL, "must not be negative");
        }
        if (cert == null || key == null || version == null || reload.isNegative()) {
            return Optional.empty();
        }
        TlsConfig config = new TlsConfig(cert, key, clientCa, version, reload);
        try {
            TlsMaterial.load(config);
        } catch (InvalidTlsFileException e) {
            tls.error(e.key(), e.problem());
            return Optional.empty();
        }
        return Optional.of(config);
    }

    /** Whether clients must present a certificate (mutual TLS). */
    public boolean requiresClientCertificate() {
        return clientCaFile.isPresent();
    }

    /** The settings in one line, for logs and for telling receivers sharing a server apart. */
    public String describe() {
        return "tls(cert_file=" + certFile + ", key_file=" + keyFile
                + clientCaFile.map(ca -> ", client_ca_file=" + ca).orElse("")
                + ", min_version=" + minVersion.configName() + ", reload_interval=" + reloadInterval + ")";
    }

    private static Path requiredPath(ConfigSection tls, String key, String what) {
        String text = tls.string(key, null);
        if (text == null) {
            tls.error(key, "is required when tls is set: " + what);
            return null;
        }
        return toPath(tls, key, text);
    }

    private static Path path(ConfigSection tls, String key) {
        String text = tls.string(key, null);
        return text == null ? null : toPath(tls, key, text);
    }

    private static Path toPath(ConfigSection tls, String key, String text) {
        if (text.isBlank()) {
            tls.error(key, "must name a file");
            return null;
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            tls.error(key, "'" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
    }
}
