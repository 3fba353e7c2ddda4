package dev.eider.runtime.service;

import java.util.List;

/**
 * What a graceful stop ended with: the problems met on the way (each names the component), and
 * whether any accepted row failed to reach its targets.
 */
public record StopReport(List<String> problems, boolean rowsLost) {
    public StopReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty() && !rowsLost;
    }
}
