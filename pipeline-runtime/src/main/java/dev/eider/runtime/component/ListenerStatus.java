package dev.eider.runtime.component;

/** A receiver listener as the admin API reports it (docs/seal-contract.md, receiver entry). */
public record ListenerStatus(
        String id,
        String protocol,
        String listenUri,
        String listenUrl,
        String host,
        int port,
        long activeRequests,
        long totalRequests,
        long totalRows,
        boolean isListening,
        String lastError) {}
