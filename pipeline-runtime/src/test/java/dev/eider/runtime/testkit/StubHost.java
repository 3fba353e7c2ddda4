package dev.eider.runtime.testkit;

import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.seal.PipelineStatus;
import dev.eider.runtime.seal.SealRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link Host} whose answers tests set, and which records what components asked of it. Safe
 * to use from server threads: setters and recordings are thread-safe.
 */
public final class StubHost implements Host {
    private volatile List<ListenerStatus> receivers = List.of();
    private volatile List<PipelineStatus> pipelines = List.of();
    private volatile List<SealRecord> seals = List.of();
    private volatile boolean ready = true;
    private volatile Map<String, Object> info = Map.of();
    private volatile Map<String, QueryTarget> queryTargets = Map.of();
    private volatile Function<Optional<String>, FlushResult> flush =
            pipeline -> new FlushResult("sealed", 0, 0, null);
    private volatile Runnable onShutdownRequest = () -> {};
    private final Map<String, List<String>> receiverListeners = new ConcurrentHashMap<>();

    private final List<Optional<String>> flushRequests = new CopyOnWriteArrayList<>();
    private final List<String> stopRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger shutdownRequests = new AtomicInteger();
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);

    public StubHost receivers(List<ListenerStatus> value) {
        receivers = List.copyOf(value);
        return this;
    }

    public StubHost pipelines(List<PipelineStatus> value) {
        pipelines = List.copyOf(value);
        return this;
    }

    public StubHost seals(List<SealRecord> value) {
        seals = List.copyOf(value);
        return this;
    }

    public StubHost ready(boolean value) {
        ready = value;
        return this;
    }

    public StubHost info(Map<String, Object> value) {
        info = Map.copyOf(value);
        return this;
    }

    public StubHost queryTargets(Map<String, QueryTarget> value) {
        queryTargets = Map.copyOf(value);
        return this;
    }

    /** What {@link #flush} answers, given the requested pipeline. */
    public StubHost flushAnswer(Function<Optional<String>, FlushResult> answer) {
        flush = answer;
        return this;
    }

    /** The listen URIs {@link #stopReceiver} reports for {@code receiverId} (once: they stop). */
    public StubHost receiverListeners(String receiverId, List<String> listenUris) {
        receiverListeners.put(receiverId, List.copyOf(listenUris));
        return this;
    }

    /** Runs inside {@link #requestShutdown}, on the caller's thread (e.g. to block it). */
    public StubHost onShutdownRequest(Runnable action) {
        onShutdownRequest = action;
        return this;
    }

    @Override
    public List<ListenerStatus> receivers() {
        return receivers;
    }

    @Override
    public List<PipelineStatus> pipelines() {
        return pipelines;
    }

    @Override
    public List<SealRecord> seals() {
        return seals;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public FlushResult flush(Optional<String> pipelineId) {
        flushRequests.add(pipelineId);
        return flush.apply(pipelineId);
    }

    @Override
    public List<String> stopReceiver(String receiverId) {
        stopRequests.add(receiverId);
        List<String> stopped = receiverListeners.remove(receiverId);
        return stopped == null ? List.of() : stopped;
    }

    @Override
    public void requestShutdown() {
        shutdownRequests.incrementAndGet();
        shutdownRequested.countDown();
        onShutdownRequest.run();
    }

    @Override
    public Map<String, QueryTarget> queryTargets() {
        return queryTargets;
    }

    @Override
    public Map<String, Object> info() {
        return info;
    }

    /** Every flush asked for, in order. */
    public List<Optional<String>> flushRequests() {
        return List.copyOf(flushRequests);
    }

    /** Every receiver id a stop was asked for, in order. */
    public List<String> stopRequests() {
        return List.copyOf(stopRequests);
    }

    public int shutdownRequests() {
        return shutdownRequests.get();
    }

    /** Waits for the first {@link #requestShutdown}; true if it came within the timeout. */
    public boolean awaitShutdownRequest(long timeout, TimeUnit unit) throws InterruptedException {
        return shutdownRequested.await(timeout, unit);
    }
}
