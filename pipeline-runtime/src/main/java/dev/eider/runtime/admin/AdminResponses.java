package dev.eider.runtime.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Writes an {@link AdminReply} as an HTTP response, then hands its follow-up to a worker. */
final class AdminResponses {
    private static final System.Logger LOG = System.getLogger(AdminResponses.class.getName());

    private final Executor workers;

    AdminResponses(Executor workers) {
        this.workers = workers;
    }

    /** On the connection's event loop; closes the connection after the answer unless {@code keepAlive}. */
    void write(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, AdminReply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(reply.status()),
                Unpooled.wrappedBuffer(reply.body()));
        reply.headers().forEach(response.headers()::set);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(response, reply.body().length);
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        if (reply.then() != AdminReply.NOTHING) {
            // Runs even if the client went away: the action was asked for and authorized. Not on
            // the event loop: asking the host to shut down may block.
            written.addListener(done -> followUp(reply.then()));
        }
    }

    private void followUp(Runnable then) {
        try {
            workers.execute(() -> {
                try {
                    then.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "admin follow-up failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "admin follow-up skipped: the admin API is stopping");
        }
    }
}
