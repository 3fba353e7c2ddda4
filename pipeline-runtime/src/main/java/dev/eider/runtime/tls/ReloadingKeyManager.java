package dev.eider.runtime.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key manager: the JDK's own, over whichever key and certificate were loaded last.
 * An SSL context is built once over it; each handshake asks it for the alias, then the key and
 * chain of that alias, so new connections present the newest certificate and open ones keep
 * theirs. Every load gets a new alias, and the previous load is kept, so a handshake that chose
 * its alias just before a reload still finds its key.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private record Loaded(String alias, X509ExtendedKeyManager keys) {}

    private volatile Loaded current;
    private volatile Loaded previous;
    private long loads;

    ReloadingKeyManager(TlsMaterial material) {
        use(material);
    }

    /** Makes {@code material} the one new handshakes use. */
    synchronized void use(TlsMaterial material) {
        String alias = "eider-" + ++loads;
        X509ExtendedKeyManager keys;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, material.key(), IN_MEMORY_PASSWORD, material.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY_PASSWORD);
            keys = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK key manager rejected a checked key: " + e, e);
        }
        previous = current;
        current = new Loaded(alias, keys);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.keys().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.keys().getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Loaded loaded = find(alias);
        return loaded == null ? null : loaded.keys().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Loaded loaded = find(alias);
        return loaded == null ? null : loaded.keys().getPrivateKey(alias);
    }

    /** A server has no client identity. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    private Loaded find(String alias) {
        Loaded now = current;
        if (now.alias().equals(alias)) {
            return now;
        }
        Loaded before = previous;
        return before != null && before.alias().equals(alias) ? before : null;
    }
}
