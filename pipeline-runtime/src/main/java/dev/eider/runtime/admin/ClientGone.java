package dev.eider.runtime.admin;

/**
 * The signal that a request's client closed its connection before the answer was written. The
 * connection's handler raises it; the route that runs the request (a query) chooses what to stop.
 */
final class ClientGone {
    private Runnable action;
    private boolean gone;

    /** Runs {@code action} when the client goes away (at once if it already has); null forgets it. */
    void onGone(Runnable action) {
        boolean runNow;
        synchronized (this) {
            this.action = action;
            runNow = gone && action != null;
        }
        if (runNow) {
            action.run();
        }
    }

    void signal() {
        Runnable toRun;
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
            toRun = action;
        }
        if (toRun != null) {
            toRun.run();
        }
    }
}
