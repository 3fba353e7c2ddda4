package dev.eider.runtime.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;

/**
 * Sits right after the SSL handler. A client that cannot complete the handshake (it speaks
 * plaintext, has no or an untrusted certificate, offers only old versions) is a client problem:
 * its connection is closed and one debug line says why, without a stack trace. Every other
 * error passes on.
 */
final class TlsHandshakeFailures extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(TlsHandshakeFailures.class.getName());

    private final String owner;
    private boolean logged;

    TlsHandshakeFailures(String owner) {
        this.owner = owner;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            refuse(ctx, completion.cause());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable tls = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (tls instanceof SSLException) {
            refuse(ctx, tls);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    /** The handshake event and the exception usually both report one failure: log it once. */
    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (!logged) {
            logged = true;
            LOG.log(System.Logger.Level.DEBUG, "{0}: TLS handshake with {1} failed, connection closed: {2}", owner,
                    ctx.channel().remoteAddress(), cause == null ? "unknown" : cause.getMessage());
        }
        ctx.close();
    }
}
