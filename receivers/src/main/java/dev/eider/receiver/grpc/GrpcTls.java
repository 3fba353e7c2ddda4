package dev.eider.receiver.grpc;

import dev.eider.runtime.tls.ServerTls;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * The SSL context of a gRPC server, on gRPC's shaded Netty, over a listener's {@link ServerTls}
 * key and trust managers, so the server presents whatever certificate was loaded last. The JDK
 * provider, as for the HTTP listener: it asks the key manager at every handshake.
 */
final class GrpcTls {
    private GrpcTls() {}

    static SslContext sslContext(ServerTls tls) throws SSLException {
        SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forServer(tls.keyManager()), SslProvider.JDK)
                .protocols(tls.protocols());
        tls.clientTrust().ifPresent(trust -> builder.trustManager(trust).clientAuth(ClientAuth.REQUIRE));
        return builder.build();
    }
}
