package dev.eider.runtime.seal;

/**
 * An exporter's catalog maintenance counters (rule 10), as {@code /v1/status} shows them.
 *
 * @param lastRunUnixMs when the last successful run ended, null before the first
 * @param lastError the last failure's message, null once a run succeeded
 */
public record MaintenanceStatus(long runsTotal, long failuresTotal, Long lastRunUnixMs, String lastError) {}
