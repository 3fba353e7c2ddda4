package dev.eider.runtime.component;

import dev.eider.runtime.seal.MaintenanceStatus;

/**
 * An exporter that runs catalog maintenance after seals (docs/seal-contract.md rule 10). The
 * pipeline status adds up the counters of its exporters that implement this. Called from any
 * thread, concurrently with seals, while the pipeline's lock is held: it must only read
 * counters, never wait.
 */
public interface MaintainedExporter extends Exporter {
    MaintenanceStatus maintenanceStatus();
}
