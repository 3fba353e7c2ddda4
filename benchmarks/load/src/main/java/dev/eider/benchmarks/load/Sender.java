package dev.eider.benchmarks.load;

/** Sends one pre-encoded request and waits for its answer; safe to call from many threads. */
public interface Sender extends AutoCloseable {
    Outcome send(Payload payload);

    @Override
    void close();
}
