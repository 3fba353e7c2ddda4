package dev.eider.receiver.otlp.decode;

import dev.eider.runtime.table.Table;

/** The columns all four metric tables share, by index in one of them. */
final class MetricColumns {
    final ResourceScopeColumns shared;
    final int time;
    final int startTime;
    final int name;
    final int description;
    final int unit;
    final int metricAttributes;
    final int flags;
    final int exemplars;

    MetricColumns(Table table) {
        shared = new ResourceScopeColumns(table);
        time = table.columnIndex("time_unix_nano");
        startTime = table.columnIndex("start_time_unix_nano");
        name = table.columnIndex("name");
        description = table.columnIndex("description");
        unit = table.columnIndex("unit");
        metricAttributes = table.columnIndex("metric_attributes");
        flags = table.columnIndex("flags");
        exemplars = table.columnIndex("exemplars_json");
    }
}
