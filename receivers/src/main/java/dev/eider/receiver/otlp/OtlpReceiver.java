package dev.eider.receiver.otlp;

import dev.eider.receiver.otlp.http.OtlpHttpServer;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Receiver;
import java.util.List;

/** A running {@code otlp} receiver: its HTTP listener (gRPC joins here later). */
final class OtlpReceiver implements Receiver {
    private final OtlpHttpServer http;

    OtlpReceiver(OtlpHttpServer http) {
        this.http = http;
    }

    @Override
    public void start(Host host) throws Exception {
        http.start();
    }

    @Override
    public List<ListenerStatus> listeners() {
        return List.of(http.status());
    }

    @Override
    public void stopListening() {
        http.stop();
    }

    @Override
    public void shutdown() {
        http.stop();
    }
}
