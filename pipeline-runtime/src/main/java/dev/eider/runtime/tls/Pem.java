package dev.eider.runtime.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the PEM blocks of a certificate or key file: X.509 certificates and unencrypted PKCS#8 keys. */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    /** The key algorithms a PKCS#8 key may be in; the encoding names its algorithm, trying each is simplest. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA");
    private static final String TO_PKCS8 = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem";

    private record Block(String label, byte[] der) {}

    private Pem() {}

    /** Every {@code CERTIFICATE} block, in file order; at least one. */
    static List<X509Certificate> certificates(String key, Path file, byte[] content) throws InvalidTlsFileException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(key, file, content)) {
                if (block.label().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new InvalidTlsFileException(key, file, "not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new InvalidTlsFileException(key, file, "no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return certificates;
    }

    /** The one private key of the file, which must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    static PrivateKey privateKey(String key, Path file, byte[] content) throws InvalidTlsFileException {
        for (Block block : blocks(key, file, content)) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return pkcs8(key, file, block.der());
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new InvalidTlsFileException(key, file, "the key is in the " + block.label().split(" ")[0]
                            + "-specific format (" + block.label() + "); eider reads PKCS#8 (PRIVATE KEY): " + TO_PKCS8);
                case "ENCRYPTED PRIVATE KEY":
                    throw new InvalidTlsFileException(key, file,
                            "the key is encrypted; eider reads unencrypted PKCS#8 keys: " + TO_PKCS8);
                default:
                    // certificates or parameters next to the key
            }
        }
        throw new InvalidTlsFileException(key, file, "no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
    }

    private static PrivateKey pkcs8(String key, Path file, byte[] der) throws InvalidTlsFileException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this algorithm
            }
        }
        throw new InvalidTlsFileException(key, file,
                "the PKCS#8 key is not an RSA, EC or EdDSA key this JVM can read (damaged or partly written?)");
    }

    private static List<Block> blocks(String key, Path file, byte[] content) throws InvalidTlsFileException {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(new String(content, StandardCharsets.US_ASCII));
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new InvalidTlsFileException(key, file, "the " + matcher.group(1) + " block is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new InvalidTlsFileException(key, file, "not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }
}
