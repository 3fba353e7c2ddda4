package dev.eider.receiver.otlp.http;

import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.SignalConsumer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves the requests of one HTTP/1.1 connection or one HTTP/2 stream, as a stream of HTTP
 * objects. The headers are checked as soon as they arrive, so a refused request is answered
 * before its body is read (the rest of it is then discarded); an accepted body is collected up
 * to max_body_bytes, admitted, and handed to a worker. Reading pauses while a worker has the
 * request, which keeps HTTP/1.1 answers in order. Runs on the channel's event loop only.
 */
final class OtlpHttpRequestHandler extends ChannelInboundHandlerAdapter {
    private enum Phase { IDLE, READING, DISCARDING, PROCESSING }

    private static final int INITIAL_BODY_CAPACITY = 256 * 1024;

    private final ExportService service;
    private Phase phase = Phase.IDLE;
    private boolean awaitingAnswer;
    private boolean keepAlive;
    /** The client waits for 100 Continue before sending its body, so a refusal must end the connection. */
    private boolean bodyWithheld;
    private boolean export;
    private ExportRequest request;
    private BoundedBytes body;
    /** HTTP objects of a pipelined request that arrived while a worker had the previous one. */
    private final ArrayDeque<Object> pending = new ArrayDeque<>();

    OtlpHttpRequestHandler(ExportService service) {
        this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.PROCESSING) {
            pending.add(msg);
            return;
        }
        try {
            if (msg instanceof HttpRequest head) {
                onRequest(ctx, head);
            }
            if (msg instanceof HttpContent content) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest head) {
        service.counters().requestStarted();
        awaitingAnswer = true;
        export = false;
        phase = Phase.DISCARDING;
        keepAlive = HttpUtil.isKeepAlive(head);
        bodyWithheld = HttpUtil.is100ContinueExpected(head) && !(head instanceof LastHttpContent);
        if (head.decoderResult().isFailure()) {
            keepAlive = false;
            answer(ctx, HttpAnswer.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "malformed HTTP request: " + head.decoderResult().cause().getMessage()));
            return;
        }
        if (service.stopping()) {
            keepAlive = false;
            answer(ctx, HttpAnswer.rejected(new RejectedException(RejectedException.Reason.UNAVAILABLE,
                    "receiver is stopping")));
            return;
        }
        HttpRoute route = HttpRoute.of(head.uri());
        if (route == null) {
            answer(ctx, HttpAnswer.error(HttpResponseStatus.NOT_FOUND, "not_found", "no such path '" + head.uri()
                    + "'; OTLP/HTTP paths are /v1/logs, /v1/traces and /v1/metrics"));
            return;
        }
        if (!route.method().equals(head.method())) {
            answer(ctx, HttpAnswer.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    head.method() + " is not allowed on " + head.uri() + "; use " + route.method()));
            return;
        }
        if (route.signal() == null) {
            answer(ctx, service.probe(route));
            return;
        }
        export = true;
        Optional<SignalConsumer> consumer = service.consumer(route.signal());
        if (consumer.isEmpty()) {
            answer(ctx, HttpAnswer.error(HttpResponseStatus.NOT_FOUND, "not_found",
                    service.noPipelineMessage(route.signal())));
            return;
        }
        try {
            request = service.open(consumer.get(), head);
        } catch (RejectedException e) {
            answer(ctx, HttpAnswer.rejected(e));
            return;
        }
        long declared = HttpUtil.getContentLength(head, -1L);
        // Grown as bytes arrive: a declared length alone must not make us allocate it.
        body = new BoundedBytes((int) Math.min(declared >= 0 ? declared : 8192, INITIAL_BODY_CAPACITY),
                service.maxBodyBytes());
        phase = Phase.READING;
        if (bodyWithheld) {
            bodyWithheld = false;
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (phase == Phase.READING) {
            ByteBuf bytes = content.content();
            int n = bytes.readableBytes();
            if (!body.fits(n)) {
                body = null;
                phase = Phase.DISCARDING;
                answer(ctx, HttpAnswer.rejected(service.tooLarge()));
            } else {
                body.reserve(n);
                bytes.readBytes(body.array(), body.size(), n);
                body.advance(n);
                if (last) {
                    dispatch(ctx);
                }
                return;
            }
        }
        if (phase == Phase.DISCARDING && last) {
            phase = Phase.IDLE;
        }
    }

    /** Admits the complete body and hands it to a worker; the answer comes back on the event loop. */
    private void dispatch(ChannelHandlerContext ctx) {
        ExportRequest admitted = request;
        BoundedBytes wire = body;
        request = null;
        body = null;
        Admission admission;
        try {
            admission = admitted.consumer().admit(wire.size());
        } catch (RejectedException e) {
            phase = Phase.IDLE;
            answer(ctx, HttpAnswer.rejected(e));
            return;
        }
        phase = Phase.PROCESSING;
        ctx.channel().config().setAutoRead(false);
        try {
            service.workers().execute(() -> {
                HttpAnswer answer = service.export(admitted, wire, admission);
                ctx.executor().execute(() -> finish(ctx, answer));
            });
        } catch (RejectedExecutionException e) {
            admission.close();
            finish(ctx, HttpAnswer.rejected(new RejectedException(RejectedException.Reason.UNAVAILABLE,
                    "receiver is stopping")));
        }
    }

    private void finish(ChannelHandlerContext ctx, HttpAnswer answer) {
        phase = Phase.IDLE;
        answer(ctx, answer);
        while (phase != Phase.PROCESSING && !pending.isEmpty()) {
            channelRead(ctx, pending.poll());
        }
        if (phase != Phase.PROCESSING) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpAnswer answer) {
        awaitingAnswer = false;
        if (export && answer.status().code() >= 400) {
            service.counters().error(answer.status().code() + " " + new String(answer.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
                Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        HttpUtil.setContentLength(response, answer.body().length);
        if (answer.retryAfter() != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, answer.retryAfterSeconds());
        }
        boolean close = !keepAlive || bodyWithheld || service.stopping();
        HttpUtil.setKeepAlive(response, !close);
        ChannelFuture written = ctx.writeAndFlush(response);
        written.addListener(f -> service.counters().requestFinished());
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // A client that hangs up mid-upload gets no answer; a request a worker holds is answered
        // (into the closed channel) and counted when the worker is done.
        if (awaitingAnswer && phase != Phase.PROCESSING) {
            awaitingAnswer = false;
            service.counters().requestFinished();
        }
        body = null;
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
