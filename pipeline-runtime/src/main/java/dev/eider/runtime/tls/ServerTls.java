package dev.eider.runtime.tls;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of one listener: the key and trust managers over the configured files, the
 * Netty SSL context built once over them, and the check that reloads the files when they
 * change. New connections get what was loaded last; open ones keep what they negotiated. A
 * reload that fails (a half-written file, a key that does not match) keeps what was loaded
 * before and logs a warning.
 *
 * <p>A Netty server calls {@link #addTo} from its channel initializer; a server on another
 * Netty (gRPC's shaded one) builds its own context from {@link #keyManager()},
 * {@link #clientTrust()} and {@link #protocols()}. {@link #close()} stops the reload check.
 */
public final class ServerTls implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private final String owner;
    private final TlsConfig config;
    private final ReloadingKeyManager keyManager;
    private final Optional<ReloadingTrustManager> clientTrust;
    private final SslContext sslContext;
    private final ScheduledExecutorService reloads;
    private TlsMaterial material;
    private String lastWarning;

    private ServerTls(String owner, TlsConfig config, TlsMaterial material) throws SSLException {
        this.owner = owner;
        this.config = config;
        this.material = material;
        this.keyManager = new ReloadingKeyManager(material);
        this.clientTrust = material.clientCas().map(ReloadingTrustManager::new);
        SslContextBuilder builder = SslContextBuilder.forServer(keyManager)
                .sslProvider(SslProvider.JDK)
                .protocols(config.minVersion().protocols());
        clientTrust.ifPresent(trust -> builder.trustManager(trust).clientAuth(ClientAuth.REQUIRE));
        this.sslContext = builder.build();
        this.reloads = config.reloadInterval().isZero() ? null : startReloads();
    }

    /**
     * Loads the files of {@code config} and, unless its reload_interval is zero, starts checking
     * them for change.
     *
     * @param owner names the listener in logs, say {@code otlp/in (http)}
     * @throws InvalidTlsFileException naming the key and file when a file cannot be used
     */
    public static ServerTls start(String owner, TlsConfig config) throws InvalidTlsFileException {
        TlsMaterial material = TlsMaterial.load(config);
        try {
            ServerTls tls = new ServerTls(owner, config, material);
            LOG.log(System.Logger.Level.INFO, "{0}: TLS {1}, certificate {2}, valid until {3}", owner,
                    config.requiresClientCertificate() ? "with client certificates required" : "on",
                    material.leaf().getSubjectX500Principal(), material.leaf().getNotAfter().toInstant());
            return tls;
        } catch (SSLException e) {
            throw new IllegalStateException(owner + ": the JDK refused a checked certificate: " + e.getMessage(), e);
        }
    }

    public TlsConfig config() {
        return config;
    }

    /** The SSL context of an io.netty server; the same for the listener's whole life. */
    public SslContext sslContext() {
        return sslContext;
    }

    /**
     * Puts TLS first in a new channel's pipeline: the SSL handler, then a handler that closes
     * connections whose handshake failed (plaintext clients, untrusted client certificates) with
     * one debug line instead of an error.
     */
    public void addTo(ChannelPipeline pipeline) {
        pipeline.addFirst("tls-failures", new TlsHandshakeFailures(owner));
        pipeline.addFirst("tls", sslContext.newHandler(pipeline.channel().alloc()));
    }

    /** Presents the certificate loaded last. */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** Checks client certificates against the client CAs loaded last; present exactly when client_ca_file is set. */
    public Optional<X509ExtendedTrustManager> clientTrust() {
        return clientTrust.map(trust -> trust);
    }

    /** The JSSE protocol names to enable ({@code TLSv1.3}, {@code TLSv1.2}). */
    public List<String> protocols() {
        return config.minVersion().protocols();
    }

    /**
     * Reads the files now and takes them when they changed and are sound. Returns whether new
     * material was taken; a failure is logged as a warning (once per distinct problem) and the
     * material loaded before stays.
     */
    synchronized boolean reload() {
        TlsMaterial next;
        try {
            TlsFiles files = TlsFiles.read(config);
            if (Arrays.equals(files.digest(), material.digest())) {
                lastWarning = null;
                return false;
            }
            next = TlsMaterial.parse(config, files);
        } catch (InvalidTlsFileException e) {
            if (!e.getMessage().equals(lastWarning)) {
                lastWarning = e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "{0}: TLS files changed but cannot be used, keeping the"
                        + " certificate loaded before ({1}); will check again: {2}", owner,
                        material.leaf().getSubjectX500Principal(), e.getMessage());
            }
            return false;
        }
        keyManager.use(next);
        clientTrust.ifPresent(trust -> trust.use(next.clientCas().orElseThrow()));
        material = next;
        lastWarning = null;
        LOG.log(System.Logger.Level.INFO, "{0}: TLS files reloaded, new connections get certificate {1}, valid until {2}",
                owner, next.leaf().getSubjectX500Principal(), next.leaf().getNotAfter().toInstant());
        return true;
    }

    private ScheduledExecutorService startReloads() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tls-reload " + owner);
            thread.setDaemon(true);
            return thread;
        });
        long millis = config.reloadInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again; keep checking
                LOG.log(System.Logger.Level.WARNING, owner + ": TLS reload check failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
    }

    /** Stops checking the files; connections and the SSL context stay usable. Idempotent. */
    @Override
    public void close() {
        if (reloads != null) {
            reloads.shutdownNow();
        }
    }
}
