package dev.eider.receiver.otlp;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.testkit.CapturingConsumer;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.TestReceiverContext;
import java.net.URI;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** An {@code otlp} receiver bound to a free loopback port, with its allocator; close frees all. */
final class RunningReceiver implements AutoCloseable {
    final BufferAllocator allocator = new RootAllocator();
    final Receiver receiver;
    final int port;

    /**
     * {@code httpSettings} are extra YAML flow entries of {@code protocols.http} (e.g.
     * {@code "max_body_bytes: 4096"}, or empty); the endpoint is 127.0.0.1:0.
     */
    RunningReceiver(String httpSettings, CapturingConsumer... consumers) throws Exception {
        String http = "endpoint: '127.0.0.1:0'" + (httpSettings.isEmpty() ? "" : ", " + httpSettings);
        OtlpReceiverFactory factory = new OtlpReceiverFactory();
        OtlpReceiverConfig config = ConfigBinding.bind(factory, "protocols: {http: {" + http + "}}");
        receiver = factory.create(TestReceiverContext.of("otlp", allocator, consumers), config);
        receiver.start(null);
        port = status().port();
    }

    ListenerStatus status() {
        return receiver.listeners().get(0);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        try {
            receiver.shutdown();
        } catch (Exception e) {
            throw new IllegalStateException("receiver did not shut down", e);
        } finally {
            allocator.close();
        }
    }
}
