package dev.eider.runtime.seal;

import java.util.List;

/**
 * A pipeline entry of {@code /v1/status} (docs/seal-contract.md). Boxed fields are null when the
 * value is unknown (no seal yet, no maintenance support).
 */
public record PipelineStatus(
        String id,
        List<String> exporters,
        long bufferedRows,
        long bufferedBytes,
        long admittedBytes,
        long sealTargetBytes,
        long sealMaxAgeMs,
        Long oldestBufferedAgeMs,
        Long lastSealAgeMs,
        long sealsTotal,
        long committedRowsTotal,
        long sealFailuresTotal,
        String sealLastError,
        long maintenanceRunsTotal,
        long maintenanceFailuresTotal,
        Long lastMaintenanceAgeMs,
        String maintenanceLastError,
        long promotedColumnsTotal) {}
