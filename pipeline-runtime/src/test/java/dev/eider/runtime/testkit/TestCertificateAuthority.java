package dev.eider.runtime.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for TLS tests: issues server certificates (for
 * {@code localhost} and {@code 127.0.0.1} unless told otherwise) and client certificates, and
 * writes them as the PEM files a listener's {@code tls} block names. Keys are EC P-256 (fast to
 * make) unless the authority was made with {@link #rsa}.
 */
public final class TestCertificateAuthority {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final String keyAlgorithm;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificateAuthority(String name, String keyAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
        this.keys = newKeyPair(keyAlgorithm);
        X500Name subject = new X500Name("CN=" + name);
        this.certificate = sign(new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(), subject,
                keys.getPublic()), extensions -> {
                    extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    extensions.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                });
    }

    /** An authority with an EC P-256 key, issuing EC P-256 certificates. */
    public static TestCertificateAuthority create(String name) {
        return new TestCertificateAuthority(name, "EC");
    }

    /** An authority with an RSA 2048 key, issuing RSA 2048 certificates. */
    public static TestCertificateAuthority rsa(String name) {
        return new TestCertificateAuthority(name, "RSA");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The authority's certificate as PEM, what a client or a client_ca_file trusts. */
    public String certificatePem() {
        return pem("CERTIFICATE", encoded(certificate));
    }

    /** Writes {@link #certificatePem()} to {@code file}; returns the file. */
    public Path writeCertificate(Path file) throws IOException {
        return Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}. */
    public Issued issueServer() {
        return issueServer("localhost", "127.0.0.1");
    }

    /** A server certificate whose subject alternative names are {@code names} (IP literals become IP entries). */
    public Issued issueServer(String... names) {
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add(Character.isDigit(name.charAt(0)) || name.contains(":")
                    ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return issue(names[0], KeyPurposeId.id_kp_serverAuth, new GeneralNames(alternatives.toArray(new GeneralName[0])));
    }

    /** A client certificate for mutual TLS. */
    public Issued issueClient(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * A client SSL context that trusts this authority only and, when {@code identity} is not
     * null, presents it as its client certificate ({@code identity} may come from another
     * authority, the one a listener's client_ca_file names).
     */
    public SSLContext clientContext(Issued identity) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (identity != null) {
                char[] password = "test".toCharArray();
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry("client", identity.key(), password, identity.chain());
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keyStore, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate this authority issued, with its private key. */
    public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {
        /** The certificate as PEM, leaf only. */
        public String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        public X509Certificate[] chain() {
            return new X509Certificate[] {certificate};
        }

        /** Writes the certificate to {@code certFile} and the key to {@code keyFile}, replacing what is there. */
        public void write(Path certFile, Path keyFile) throws IOException {
            Files.writeString(certFile, certificatePem(), StandardCharsets.US_ASCII);
            Files.writeString(keyFile, keyPem(), StandardCharsets.US_ASCII);
        }
    }

    private Issued issue(String commonName, KeyPurposeId purpose, GeneralNames alternatives) {
        KeyPair pair = newKeyPair(keyAlgorithm);
        X509Certificate issued = sign(new JcaX509v3CertificateBuilder(certificate, serial(), notBefore(), notAfter(),
                new javax.security.auth.x500.X500Principal("CN=" + commonName), pair.getPublic()), extensions -> {
                    extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    extensions.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                    if (alternatives != null) {
                        extensions.addExtension(Extension.subjectAlternativeName, false, alternatives);
                    }
                });
        return new Issued(pair.getPrivate(), issued, certificate);
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, Extensions extensions) {
        try {
            extensions.add(builder);
            String algorithm = keyAlgorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    private static KeyPair newKeyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    /** A minute back, so clocks a little apart still accept the certificate. */
    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofMinutes(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }
}
