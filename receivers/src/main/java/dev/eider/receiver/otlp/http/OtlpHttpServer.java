package dev.eider.receiver.otlp.http;

import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.tls.InvalidTlsFileException;
import dev.eider.runtime.tls.ServerTls;
import dev.eider.runtime.tls.TlsConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/HTTP listener: HTTP/1.1 and h2c on one port, Netty event loops for I/O and a fixed
 * pool of {@code httpThreads} workers for decoding and consuming. The worker queue is unbounded
 * on purpose: every queued body was admitted first, so admission bounds it.
 *
 * <p>With TLS, every connection starts with the TLS handshake, then speaks HTTP/1.1 (or h2c
 * by prior knowledge) inside it; ALPN is not offered, so TLS clients use HTTP/1.1.
 *
 * <p>Its listener status reports {@code listen_uri} {@code otlp://host:port} and
 * {@code listen_url} {@code http://host:port} ({@code https://} with TLS; the base of
 * /v1/logs, /healthz, ...), with the port actually bound (port 0 picks a free one).
 */
public final class OtlpHttpServer {
    private static final long IN_FLIGHT_WAIT_SECONDS = 30;
    /** Event loops only move bytes (decoding runs on the workers), so a few suffice. */
    private static final int IO_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final String receiverId;
    private final Endpoint endpoint;
    private final Optional<TlsConfig> tlsConfig;
    private final ListenerCounters counters = new ListenerCounters();
    private final ThreadPoolExecutor workers;
    private final ExportService service;
    private Optional<ServerTls> tls = Optional.empty();
    private EventLoopGroup ioGroup;
    private ChannelGroup channels;
    private Channel serverChannel;
    private volatile int boundPort;
    private volatile boolean listening;
    private boolean stopped;

    public OtlpHttpServer(String receiverId, Endpoint endpoint, long maxBodyBytes, int workerThreads,
            Optional<TlsConfig> tls, Map<Signal, SignalConsumer> consumers, OtlpDecoder decoder) {
        this.receiverId = receiverId;
        this.endpoint = endpoint;
        this.tlsConfig = tls;
        this.boundPort = endpoint.port();
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("otlp-http-worker-" + receiverId, true));
        this.service = new ExportService(receiverId, consumers, decoder, (int) maxBodyBytes, workers, counters);
    }

    /** Loads the TLS files and binds the port; throws naming the endpoint (and the file) when it cannot. */
    public synchronized void start() throws IOException {
        if (stopped || serverChannel != null) {
            throw new IllegalStateException("receiver " + receiverId + " was already started");
        }
        if (tlsConfig.isPresent()) {
            try {
                tls = Optional.of(ServerTls.start(receiverId + " (OTLP/HTTP)", tlsConfig.get()));
            } catch (InvalidTlsFileException e) {
                workers.shutdownNow();
                stopped = true;
                throw new IOException("receiver " + receiverId + " cannot listen on " + endpoint + ": " + e.getMessage(), e);
            }
        }
        ioGroup = new MultiThreadIoEventLoopGroup(IO_THREADS,
                new DefaultThreadFactory("otlp-http-io-" + receiverId, true), NioIoHandler.newFactory());
        channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(ioGroup)
                .channel(NioServerSocketChannel.class)
                .childHandler(new OtlpHttpChannelInitializer(service, channels, tls));
        try {
            serverChannel = bootstrap.bind(endpoint.host(), endpoint.port()).syncUninterruptibly().channel();
        } catch (Exception e) {
            ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
            tls.ifPresent(ServerTls::close);
            stopped = true;
            throw new IOException("receiver " + receiverId + " cannot listen on " + endpoint + ": " + e.getMessage(), e);
        }
        boundPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        listening = true;
    }

    /**
     * Closes the listening socket (the port is free when this returns), answers requests that
     * arrive on open connections with 503, waits for in-flight ones, then closes the connections
     * and the threads. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        service.markStopping();
        if (serverChannel == null) {
            workers.shutdownNow();
            return;
        }
        serverChannel.close().syncUninterruptibly();
        listening = false;
        try {
            if (!counters.awaitIdle(IN_FLIGHT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                counters.error("stopped with requests still in flight after " + IN_FLIGHT_WAIT_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channels.close().syncUninterruptibly();
        tls.ifPresent(ServerTls::close);
        workers.shutdown();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public ListenerStatus status() {
        String authority = new Endpoint(endpoint.host(), boundPort).toString();
        String scheme = tlsConfig.isPresent() ? "https://" : "http://";
        return new ListenerStatus(receiverId, "http", "otlp://" + authority, scheme + authority,
                endpoint.host(), boundPort, counters.active(), counters.total(), counters.rows(), listening,
                counters.lastError());
    }
}
