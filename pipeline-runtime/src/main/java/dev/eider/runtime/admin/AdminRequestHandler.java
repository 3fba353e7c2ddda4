package dev.eider.runtime.admin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves the requests of one admin connection, one at a time: collects the body (its first
 * {@link AdminRouter#MAX_BODY} bytes; the rest is read, dropped and noted as too large), hands
 * the request to a worker, and writes the answer in order. Reading goes on while a worker has the
 * request, so a client that closes the connection is seen at once and its request told
 * ({@link ClientGone}); pipelined requests that arrive meanwhile wait here. Runs on the
 * connection's event loop.
 */
final class AdminRequestHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(AdminRequestHandler.class.getName());
    /** Pipelined bytes held while a request runs; beyond this, reading pauses until it is answered. */
    private static final int MAX_WAITING_BYTES = 2 * AdminRouter.MAX_BODY;

    private final AdminRouter router;
    private final Executor workers;
    private final AdminResponses responses;
    /** The request being read: its head and its body so far; null between requests. */
    private HttpRequest head;
    private ByteArrayOutputStream body;
    private boolean bodyTooLarge;
    /** Set while a worker has a request of this connection. */
    private ClientGone running;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private int waitingBytes;

    AdminRequestHandler(AdminRouter router, Executor workers) {
        this.router = router;
        this.workers = workers;
        this.responses = new AdminResponses(workers);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (running != null) {
            waiting.add(msg);
            if (msg instanceof HttpContent content) {
                waitingBytes += content.content().readableBytes();
            }
            if (waitingBytes > MAX_WAITING_BYTES) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        try {
            if (msg instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (msg instanceof HttpContent content && head != null) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            responses.write(ctx, request.protocolVersion(), false, AdminReply.error(400, "bad_request",
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage()));
            return;
        }
        head = request;
        body = new ByteArrayOutputStream();
        bodyTooLarge = false;
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            HttpVersion version = head.protocolVersion();
            head = null;
            body = null;
            responses.write(ctx, version, false, AdminReply.error(400, "bad_request",
                    "malformed HTTP request body: " + content.decoderResult().cause().getMessage()));
            return;
        }
        ByteBuf bytes = content.content();
        byte[] kept = new byte[Math.min(AdminRouter.MAX_BODY - body.size(), bytes.readableBytes())];
        bytes.readBytes(kept);
        body.writeBytes(kept);
        bodyTooLarge |= bytes.isReadable();
        if (content instanceof LastHttpContent) {
            dispatch(ctx);
        }
    }

    /** Hands the complete request to a worker; the answer is written back on the event loop. */
    private void dispatch(ChannelHandlerContext ctx) {
        HttpRequest request = head;
        head = null;
        HttpVersion version = request.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        URI uri;
        try {
            uri = new URI(request.uri());
        } catch (URISyntaxException e) {
            responses.write(ctx, version, keepAlive, AdminReply.error(400, "bad_request", "malformed request URI: " + e.getMessage()));
            return;
        }
        ClientGone client = new ClientGone();
        AdminRequest admin = new AdminRequest(request.method().name(), uri, request.headers(), body.toByteArray(),
                bodyTooLarge, client);
        body = null;
        running = client;
        try {
            workers.execute(() -> {
                AdminReply reply;
                try {
                    reply = router.answer(admin);
                } catch (RuntimeException e) {
                    // The router answers every failure itself; this is a bug, and the connection ends.
                    LOG.log(System.Logger.Level.ERROR, "admin request " + admin.uri() + " failed", e);
                    ctx.close();
                    return;
                }
                try {
                    ctx.executor().execute(() -> finish(ctx, version, keepAlive, reply));
                } catch (RejectedExecutionException e) {
                    // The server stopped while the route ran; its connection is closed.
                }
            });
        } catch (RejectedExecutionException e) {
            // The server is stopping.
            running = null;
            ctx.close();
        }
    }

    private void finish(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, AdminReply reply) {
        running = null;
        responses.write(ctx, version, keepAlive, reply);
        while (running == null && !waiting.isEmpty()) {
            Object next = waiting.poll();
            if (next instanceof HttpContent content) {
                waitingBytes -= content.content().readableBytes();
            }
            channelRead(ctx, next);
        }
        ctx.channel().config().setAutoRead(waitingBytes <= MAX_WAITING_BYTES);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (running != null) {
            running.signal();
        }
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
