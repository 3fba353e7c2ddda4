package dev.eider.runtime.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a listener's TLS files hold once checked: the private key, the certificate chain it
 * belongs to, and the CAs client certificates must chain to (mutual TLS only).
 *
 * @param digest the digest of the files it was read from, to tell when they change
 */
record TlsMaterial(PrivateKey key, List<X509Certificate> chain, Optional<List<X509Certificate>> clientCas,
        byte[] digest) {
    private static final byte[] PROBE = "eider tls key check".getBytes(StandardCharsets.US_ASCII);

    /** Reads and checks the files of {@code config}; throws naming the key and file at fault. */
    static TlsMaterial load(TlsConfig config) throws InvalidTlsFileException {
        return parse(config, TlsFiles.read(config));
    }

    static TlsMaterial parse(TlsConfig config, TlsFiles files) throws InvalidTlsFileException {
        List<X509Certificate> chain = Pem.certificates(TlsConfig.CERT_FILE, config.certFile(), files.cert());
        PrivateKey key = Pem.privateKey(TlsConfig.KEY_FILE, config.keyFile(), files.key());
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new InvalidTlsFileException(TlsConfig.KEY_FILE, config.keyFile(),
                    "the key does not belong to the first certificate of cert_file " + config.certFile()
                            + " (" + chain.get(0).getSubjectX500Principal() + ")");
        }
        Optional<List<X509Certificate>> clientCas = Optional.empty();
        if (files.clientCa().isPresent()) {
            clientCas = Optional.of(Pem.certificates(TlsConfig.CLIENT_CA_FILE, config.clientCaFile().orElseThrow(),
                    files.clientCa().get()));
        }
        return new TlsMaterial(key, List.copyOf(chain), clientCas, files.digest());
    }

    /** The certificate the listener presents. */
    X509Certificate leaf() {
        return chain.get(0);
    }

    /** A signature made with the private key verifies with the certificate's public key exactly when they are a pair. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA names its own signature
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
