package dev.eider.receiver.grpc;

import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process's gRPC servers, one per endpoint: receivers that name the same endpoint (say the
 * otlp receiver's grpc protocol and the otap receiver) register their services on one server,
 * as OpenTelemetry's otelarrow receiver serves OTLP Export and the Arrow streams on one port.
 * The first registration binds the port; the last one to close stops the server.
 */
public final class GrpcServers {
    private static final GrpcServers PROCESS = new GrpcServers();

    private final Map<Endpoint, SharedGrpcServer> servers = new HashMap<>();

    private GrpcServers() {}

    /** The registry every receiver in this process shares. */
    public static GrpcServers process() {
        return PROCESS;
    }

    /**
     * Serves {@code services} on {@code endpoint}, binding it when no receiver serves there yet.
     * Port 0 always binds a server of its own.
     *
     * @param owner           the receiver id, named in logs and errors
     * @param maxInboundBytes the largest message, wire and decompressed; every receiver on one
     *                        endpoint must use the same value, as gRPC enforces it per server
     * @param tls             TLS for the server, plaintext when empty; every receiver on one
     *                        endpoint must use the same settings, as one handshake serves all
     * @throws IOException naming the endpoint when it cannot bind or its TLS files cannot be
     *                     used, or the receiver already there when the limits, the TLS settings
     *                     or the services clash
     */
    public GrpcRegistration register(String owner, Endpoint endpoint, int maxInboundBytes, Optional<TlsConfig> tls,
            List<ServerServiceDefinition> services) throws IOException {
        if (maxInboundBytes <= 0) {
            throw new IllegalArgumentException("max_body_bytes must be positive, got " + maxInboundBytes);
        }
        if (endpoint.port() == 0) {
            SharedGrpcServer own = SharedGrpcServer.start(endpoint, maxInboundBytes, tls, owner);
            return own.join(owner, maxInboundBytes, tls, services, () -> {});
        }
        Endpoint key = endpoint.canonical();
        synchronized (this) {
            SharedGrpcServer server = servers.get(key);
            if (server == null) {
                server = SharedGrpcServer.start(endpoint, maxInboundBytes, tls, owner);
                servers.put(key, server);
            }
            SharedGrpcServer joined = server;
            return server.join(owner, maxInboundBytes, tls, services, () -> forget(key, joined));
        }
    }

    /**
     * What a receiver names its shared gRPC endpoint as, for the config check that two receivers
     * may share one endpoint: {@code grpc}, with the TLS settings when there are any, since
     * receivers on one server must have the same.
     */
    public static String sharedProtocol(Optional<TlsConfig> tls) {
        return tls.map(t -> "grpc with " + t.describe()).orElse("grpc");
    }

    private synchronized void forget(Endpoint key, SharedGrpcServer server) {
        servers.remove(key, server);
    }
}
