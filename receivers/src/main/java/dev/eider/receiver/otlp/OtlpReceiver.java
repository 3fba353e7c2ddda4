package dev.eider.receiver.otlp;

import dev.eider.receiver.otlp.grpc.OtlpGrpcServer;
import dev.eider.receiver.otlp.http.OtlpHttpServer;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A running {@code otlp} receiver: its HTTP and gRPC listeners, whichever are enabled. */
final class OtlpReceiver implements Receiver {
    private final Optional<OtlpHttpServer> http;
    private final Optional<OtlpGrpcServer> grpc;

    OtlpReceiver(Optional<OtlpHttpServer> http, Optional<OtlpGrpcServer> grpc) {
        this.http = http;
        this.grpc = grpc;
    }

    @Override
    public void start(Host host) throws Exception {
        if (http.isPresent()) {
            http.get().start();
        }
        try {
            if (grpc.isPresent()) {
                grpc.get().start();
            }
        } catch (Exception e) {
            http.ifPresent(OtlpHttpServer::stop);
            throw e;
        }
    }

    @Override
    public List<ListenerStatus> listeners() {
        List<ListenerStatus> out = new ArrayList<>(2);
        http.ifPresent(h -> out.add(h.status()));
        grpc.ifPresent(g -> out.add(g.status()));
        return out;
    }

    @Override
    public void stopListening() {
        http.ifPresent(OtlpHttpServer::stop);
        grpc.ifPresent(OtlpGrpcServer::stop);
    }

    @Override
    public void shutdown() {
        stopListening();
    }
}
