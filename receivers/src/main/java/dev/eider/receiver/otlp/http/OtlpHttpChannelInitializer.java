package dev.eider.receiver.otlp.http;

import dev.eider.runtime.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.util.Optional;

/**
 * One port, three ways in: HTTP/1.1; h2c by prior knowledge (the connection preface); h2c by
 * upgrade from HTTP/1.1. Every HTTP/2 stream is turned back into HTTP objects, so one request
 * handler serves all three. An upgrade request is buffered whole by Netty (up to max_body_bytes)
 * before the switch, as the upgrade needs it complete. With TLS, all of this runs inside the
 * TLS session.
 */
final class OtlpHttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final String HTTP1_REQUESTS = "http1-requests";

    private final ExportService service;
    private final ChannelGroup channels;
    private final Optional<ServerTls> tls;

    OtlpHttpChannelInitializer(ExportService service, ChannelGroup channels, Optional<ServerTls> tls) {
        this.service = service;
        this.channels = channels;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        HttpServerCodec http1 = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), http2Streams())
                        : null,
                service.maxBodyBytes());
        ChannelInitializer<Channel> priorKnowledge = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel c) {
                // The HTTP/1.1 handler sits at the end; the HTTP/2 handlers must take its place.
                c.pipeline().remove(HTTP1_REQUESTS);
                c.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), http2Streams());
            }
        };
        tls.ifPresent(t -> t.addTo(ch.pipeline()));
        ch.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, priorKnowledge));
        ch.pipeline().addLast(HTTP1_REQUESTS, new OtlpHttpRequestHandler(service));
    }

    private Http2MultiplexHandler http2Streams() {
        return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new OtlpHttpRequestHandler(service));
            }
        });
    }
}
