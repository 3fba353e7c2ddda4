package dev.eider.runtime.component;

import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/** What a receiver gets from the runtime when it is created. */
public interface ReceiverContext {
    ComponentId id();

    /** The consumer for a signal, when at least one pipeline of that signal lists this receiver. */
    Optional<SignalConsumer> consumer(Signal signal);

    /** Allocator for the Arrow vectors of decoded batches. */
    BufferAllocator allocator();
}
