package dev.eider.runtime.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The bytes of a listener's TLS files as read at one moment, with a digest of them all. The
 * digest, not the modification time, tells a change: timestamps have coarse resolution on some
 * file systems, and Kubernetes swaps a secret's files through a symlink.
 */
record TlsFiles(byte[] cert, byte[] key, Optional<byte[]> clientCa, byte[] digest) {
    static TlsFiles read(TlsConfig config) throws InvalidTlsFileException {
        byte[] cert = read(TlsConfig.CERT_FILE, config.certFile());
        byte[] key = read(TlsConfig.KEY_FILE, config.keyFile());
        Optional<byte[]> clientCa = Optional.empty();
        if (config.clientCaFile().isPresent()) {
            clientCa = Optional.of(read(TlsConfig.CLIENT_CA_FILE, config.clientCaFile().get()));
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (byte[] content : new byte[][] {cert, key, clientCa.orElse(new byte[0])}) {
            sha256.update(Integer.toString(content.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha256.update(content);
        }
        return new TlsFiles(cert, key, clientCa, sha256.digest());
    }

    /** The file's bytes; throws naming {@code key} and the file when it cannot be read. */
    static byte[] read(String key, Path file) throws InvalidTlsFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidTlsFileException(key, file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidTlsFileException(key, file, "not readable (permission denied)", e);
        } catch (IOException e) {
            throw new InvalidTlsFileException(key, file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
