package dev.eider.runtime.testkit;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/** A {@link ReceiverContext} over fixed consumers, for receiver tests. */
public record TestReceiverContext(ComponentId id, Map<Signal, SignalConsumer> consumers, BufferAllocator allocator)
        implements ReceiverContext {
    public TestReceiverContext {
        consumers = Map.copyOf(consumers);
    }

    public static TestReceiverContext of(String id, BufferAllocator allocator, SignalConsumer... consumers) {
        Map<Signal, SignalConsumer> map = new EnumMap<>(Signal.class);
        for (SignalConsumer c : consumers) {
            map.put(c.signal(), c);
        }
        return new TestReceiverContext(ComponentId.parse(id), map, allocator);
    }

    @Override
    public Optional<SignalConsumer> consumer(Signal signal) {
        return Optional.ofNullable(consumers.get(signal));
    }
}
