package dev.eider.runtime.admin;

import dev.eider.runtime.tls.ServerTls;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Builds the pipeline of every admin connection; the one place to change what a connection runs
 * through (a TLS handler goes first, before the HTTP codec).
 */
final class AdminChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final AdminRouter router;
    private final Executor workers;
    private final ChannelGroup connections;
    private final Optional<ServerTls> tls;

    AdminChannelInitializer(AdminRouter router, Executor workers, ChannelGroup connections, Optional<ServerTls> tls) {
        this.router = router;
        this.workers = workers;
        this.connections = connections;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(new HttpServerCodec());
        // Clients that send "Expect: 100-continue" (curl with a large body) wait for it.
        pipeline.addLast(new HttpServerExpectContinueHandler());
        pipeline.addLast(new AdminRequestHandler(router, workers));
        tls.ifPresent(serverTls -> serverTls.addTo(pipeline));
    }
}
