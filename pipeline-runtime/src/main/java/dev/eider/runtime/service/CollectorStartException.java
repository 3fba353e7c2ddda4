package dev.eider.runtime.service;

import java.util.List;

/** The collector could not start; every problem met while starting and rolling back is listed. */
public final class CollectorStartException extends Exception {
    private final List<String> problems;

    public CollectorStartException(List<String> problems) {
        super("collector failed to start:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
