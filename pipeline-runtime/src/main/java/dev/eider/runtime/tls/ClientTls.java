package dev.eider.runtime.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS a client of a collector listener needs (the CLI's admin commands): the CAs to trust
 * (the JDK's own when none are given) and, for a listener that requires one, a client
 * certificate. Files are PEM, read once.
 */
public final class ClientTls {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private ClientTls() {}

    /**
     * @param caFile the CAs the server certificate must chain to; empty trusts the JDK's CAs
     * @param certFile with {@code keyFile}, the client certificate presented to a mutual-TLS listener
     * @param keyFile the client certificate's PKCS#8 key
     * @throws InvalidTlsFileException naming the option and file when a file cannot be used
     */
    public static SSLContext context(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile)
            throws InvalidTlsFileException {
        if (certFile.isPresent() != keyFile.isPresent()) {
            Path given = certFile.or(() -> keyFile).orElseThrow();
            throw new InvalidTlsFileException(certFile.isPresent() ? "--cert-file" : "--key-file", given,
                    "a client certificate needs both --cert-file and --key-file");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(certFile, keyFile), trustManagers(caFile), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK refused checked TLS material: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Optional<Path> certFile, Optional<Path> keyFile)
            throws InvalidTlsFileException, GeneralSecurityException, IOException {
        if (certFile.isEmpty()) {
            return null;
        }
        List<X509Certificate> chain = Pem.certificates("--cert-file", certFile.get(), TlsFiles.read("--cert-file", certFile.get()));
        PrivateKey key = Pem.privateKey("--key-file", keyFile.get(), TlsFiles.read("--key-file", keyFile.get()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(Optional<Path> caFile)
            throws InvalidTlsFileException, GeneralSecurityException, IOException {
        if (caFile.isEmpty()) {
            return null;
        }
        List<X509Certificate> cas = Pem.certificates("--ca-file", caFile.get(), TlsFiles.read("--ca-file", caFile.get()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
