package dev.eider.exporter.ducklake;

import dev.eider.exporter.duckdb.DuckDbWriter;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.seal.MaintenanceStatus;
import dev.eider.runtime.table.Table;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Rule 10 for one DuckLake catalog: once {@link #SEALS_BETWEEN_RUNS} seals committed since the
 * last run, the next seal that leaves headroom is followed by a non-force {@code CHECKPOINT}
 * (merge small files, expire snapshots, delete old files, bounded by the catalog options set at
 * start). Runs on the writer thread after the seal's commit; a failure is counted and logged, never
 * thrown, because the seal's rows are already committed and must not be written again.
 */
final class CatalogMaintenance {
    static final int SEALS_BETWEEN_RUNS = 10;

    private static final System.Logger LOG = System.getLogger(CatalogMaintenance.class.getName());

    private final ComponentId exporter;
    private final String catalog;
    // Written by the writer thread only; the counters are read by status requests.
    private int sealsSinceRun;
    private volatile boolean disabled;
    private volatile long runsTotal;
    private volatile long failuresTotal;
    private volatile Long lastRunUnixMs;
    private volatile String lastError;

    CatalogMaintenance(ComponentId exporter, String catalog) {
        this.exporter = exporter;
        this.catalog = catalog;
    }

    /** Called after each committed seal; runs maintenance when it is due and {@code allowed}. */
    void afterSeal(DuckDbWriter writer, boolean allowed) {
        if (disabled) {
            return;
        }
        sealsSinceRun++;
        if (!allowed || sealsSinceRun < SEALS_BETWEEN_RUNS) {
            return;
        }
        sealsSinceRun = 0;
        try {
            writer.execute("CHECKPOINT " + Table.quote(catalog));
            runsTotal++;
            lastRunUnixMs = System.currentTimeMillis();
            lastError = null;
        } catch (SQLException | RuntimeException e) {
            if (unsupported(e)) {
                disabled = true;
                LOG.log(System.Logger.Level.WARNING, "{0}: the catalog does not support maintenance ({1}); "
                        + "it is disabled for this exporter", exporter, e.getMessage());
                return;
            }
            failuresTotal++;
            lastError = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            LOG.log(System.Logger.Level.WARNING, exporter + ": catalog maintenance failed; committed rows are "
                    + "intact and it is retried after the next " + SEALS_BETWEEN_RUNS + " seals", e);
        }
    }

    MaintenanceStatus status() {
        return new MaintenanceStatus(runsTotal, failuresTotal, lastRunUnixMs, lastError);
    }

    /** DuckDB reports a catalog that cannot checkpoint as not implemented or not supported. */
    private static boolean unsupported(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("not implemented") || message.contains("not supported");
    }
}
