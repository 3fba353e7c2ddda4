package dev.eider.runtime.admin;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.ServerTls;
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
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The admin API's HTTP/1.1 listener: one Netty event loop moves the bytes, a small pool of
 * workers runs the routes (a flush holds its worker until the seal is done, a query until it is
 * answered). Netty, unlike the JDK's server, sees a client close its connection while its request
 * runs, which is what lets a query stop when nobody waits for it.
 */
final class AdminHttpServer {
    private static final int WORKERS = 4;

    private final ComponentId id;
    private final AdminRouter router;
    private final Optional<ServerTls> tls;
    private EventLoopGroup loop;
    private ThreadPoolExecutor workers;
    private ChannelGroup connections;
    private Channel listener;

    /** {@code tls} stays the caller's to close, after {@link #stop}. */
    AdminHttpServer(ComponentId id, AdminRouter router, Optional<ServerTls> tls) {
        this.id = id;
        this.router = router;
        this.tls = tls;
    }

    /** Binds the endpoint; throws naming it when it cannot. */
    void start(Endpoint endpoint) throws IOException {
        String threads = "eider-" + id.toString().replace('/', '-');
        // Each connection has at most one request with a worker (the next waits on its connection),
        // so the queue holds at most one task per open connection.
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(threads, true));
        loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threads + "-io", true),
                NioIoHandler.newFactory());
        connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new AdminChannelInitializer(router, workers, connections, tls));
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
        try {
            if (address.isUnresolved()) {
                throw new IOException("unresolved address " + endpoint.host());
            }
            listener = bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            stop();
            throw new IOException(id + ": cannot listen on " + endpoint + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Frees the port, closes every connection (which cancels running queries: their clients are
     * gone) and lets running flushes finish on their workers; answers already written stay sent.
     */
    void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        connections.close().syncUninterruptibly();
        // Not shutdownNow: a running flush must not be interrupted halfway through a seal.
        workers.shutdown();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
