package dev.eider.distribution;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.config.CollectorConfig;
import dev.eider.runtime.service.Collector;
import dev.eider.runtime.service.StopReport;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** A standard-distribution collector started in-process from a YAML string, for tests. */
final class RunningCollector implements AutoCloseable {
    private final BufferAllocator allocator = new RootAllocator();
    private final Collector collector;
    private StopReport report;

    private RunningCollector(CollectorConfig config) {
        this.collector = Collector.create(config, allocator);
    }

    static RunningCollector start(String yaml) throws Exception {
        return start(yaml, Map.of());
    }

    static RunningCollector start(String yaml, Map<String, String> env) throws Exception {
        CollectorConfig config = dev.eider.runtime.config.ConfigLoader.load(
                "test.yaml", yaml, ConfigSource.registry(DaggerStandardDistribution.create()), env::get);
        RunningCollector running = new RunningCollector(config);
        running.collector.start();
        return running;
    }

    Collector collector() {
        return collector;
    }

    /** The bound port of a receiver's listener (configs use port 0). */
    int port(String receiverId, String protocol) {
        for (ListenerStatus l : collector.receivers()) {
            if (l.id().equals(receiverId) && l.protocol().equals(protocol)) {
                return l.port();
            }
        }
        throw new IllegalStateException("no " + protocol + " listener for " + receiverId + ": " + collector.receivers());
    }

    StopReport stop() {
        if (report == null) {
            report = collector.stop();
        }
        return report;
    }

    @Override
    public void close() {
        stop();
        allocator.close();
    }
}
