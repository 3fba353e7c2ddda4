package dev.eider.runtime.pipeline;

import dev.eider.runtime.table.Table;
import java.util.List;
import java.util.Locale;

/** The three OpenTelemetry signals; a pipeline id starts with one of them. */
public enum Signal {
    LOGS(List.of(Table.LOGS)),
    TRACES(List.of(Table.TRACES)),
    METRICS(List.of(Table.METRICS_GAUGE, Table.METRICS_SUM, Table.METRICS_HISTOGRAM, Table.METRICS_EXP_HISTOGRAM));

    private final List<Table> tables;

    Signal(List<Table> tables) {
        this.tables = tables;
    }

    /** The tables rows of this signal land in. */
    public List<Table> tables() {
        return tables;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The signal named by {@code text} ({@code logs}, {@code traces}, {@code metrics}), or null. */
    public static Signal fromId(String text) {
        for (Signal s : values()) {
            if (s.id().equals(text)) {
                return s;
            }
        }
        return null;
    }
}
