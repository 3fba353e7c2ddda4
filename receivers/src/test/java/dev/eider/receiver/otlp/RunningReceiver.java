package dev.eider.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.testkit.CapturingConsumer;
import dev.eider.runtime.testkit.MapConfigSection;
import dev.eider.runtime.testkit.TestReceiverContext;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** An {@code otlp} receiver bound to a free loopback port, with its allocator; close frees all. */
final class RunningReceiver implements AutoCloseable {
    final BufferAllocator allocator = new RootAllocator();
    final Receiver receiver;
    final int port;

    /** {@code http} holds extra keys of {@code protocols.http}; the endpoint is 127.0.0.1:0. */
    RunningReceiver(Map<String, Object> http, CapturingConsumer... consumers) throws Exception {
        Map<String, Object> httpSection = new HashMap<>(http);
        httpSection.putIfAbsent("endpoint", "127.0.0.1:0");
        MapConfigSection section = new MapConfigSection("receivers::otlp",
                Map.of("protocols", Map.of("http", httpSection)));
        OtlpReceiverFactory factory = new OtlpReceiverFactory();
        OtlpReceiverConfig config = factory.bind(section);
        assertEquals(List.of(), section.errors());
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
