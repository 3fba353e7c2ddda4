package dev.eider.runtime.service;

import java.util.ArrayList;
import java.util.List;

/** Collects failures of a lifecycle phase so that one failing component never stops the rest. */
final class ProblemLog {
    private static final System.Logger LOG = System.getLogger(ProblemLog.class.getName());

    /** An action that may fail. */
    interface Step {
        void run() throws Exception;
    }

    private final List<String> problems = new ArrayList<>();

    /** Runs the step; a failure is logged and recorded as "what: message". */
    void attempt(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(what, e);
        } catch (Exception | LinkageError e) {
            record(what, e);
        }
    }

    void record(String what, Throwable error) {
        String message = what + ": " + (error.getMessage() == null ? error.toString() : error.getMessage());
        LOG.log(System.Logger.Level.ERROR, message, error);
        problems.add(message);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }
}
