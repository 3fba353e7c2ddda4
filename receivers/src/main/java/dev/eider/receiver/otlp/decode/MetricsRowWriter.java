package dev.eider.receiver.otlp.decode;

import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ResourceValues;
import dev.eider.receiver.otlp.decode.ResourceScopeColumns.ScopeValues;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Fans metric data points out over the gauge, sum, histogram and exponential histogram tables,
 * one row per data point. Summary points have no table and are counted as rejected.
 */
final class MetricsRowWriter extends SignalRowWriter<Metric> {
    private static final ExportRequestLayout<ExportMetricsServiceRequest, ResourceMetrics, ScopeMetrics, Metric>
            LAYOUT = new ExportRequestLayout<>(ExportMetricsServiceRequest.getDefaultInstance(),
                    ExportMetricsServiceRequest::getResourceMetricsList, ResourceMetrics::getResource,
                    ResourceMetrics::getScopeMetricsList, ScopeMetrics::getScope, ScopeMetrics::getMetricsList);
    private static final MetricColumns GAUGE = new MetricColumns(Table.METRICS_GAUGE);
    private static final MetricColumns SUM = new MetricColumns(Table.METRICS_SUM);
    private static final MetricColumns HISTOGRAM = new MetricColumns(Table.METRICS_HISTOGRAM);
    private static final MetricColumns EXP_HISTOGRAM = new MetricColumns(Table.METRICS_EXP_HISTOGRAM);

    // gauge and sum share their leading 17 columns, so one index serves both
    private static final int INT_VALUE = Table.METRICS_GAUGE.columnIndex("int_value");
    private static final int DOUBLE_VALUE = Table.METRICS_GAUGE.columnIndex("double_value");
    private static final int SUM_TEMPORALITY = Table.METRICS_SUM.columnIndex("aggregation_temporality");
    private static final int SUM_MONOTONIC = Table.METRICS_SUM.columnIndex("is_monotonic");

    private static final int HIST_COUNT = Table.METRICS_HISTOGRAM.columnIndex("count");
    private static final int HIST_SUM = Table.METRICS_HISTOGRAM.columnIndex("sum");
    private static final int HIST_MIN = Table.METRICS_HISTOGRAM.columnIndex("min");
    private static final int HIST_MAX = Table.METRICS_HISTOGRAM.columnIndex("max");
    private static final int HIST_BUCKET_COUNTS = Table.METRICS_HISTOGRAM.columnIndex("bucket_counts");
    private static final int HIST_BOUNDS = Table.METRICS_HISTOGRAM.columnIndex("explicit_bounds");
    private static final int HIST_TEMPORALITY = Table.METRICS_HISTOGRAM.columnIndex("aggregation_temporality");

    private static final int EXP_COUNT = Table.METRICS_EXP_HISTOGRAM.columnIndex("count");
    private static final int EXP_SUM = Table.METRICS_EXP_HISTOGRAM.columnIndex("sum");
    private static final int EXP_MIN = Table.METRICS_EXP_HISTOGRAM.columnIndex("min");
    private static final int EXP_MAX = Table.METRICS_EXP_HISTOGRAM.columnIndex("max");
    private static final int EXP_SCALE = Table.METRICS_EXP_HISTOGRAM.columnIndex("scale");
    private static final int EXP_ZERO_COUNT = Table.METRICS_EXP_HISTOGRAM.columnIndex("zero_count");
    private static final int EXP_ZERO_THRESHOLD = Table.METRICS_EXP_HISTOGRAM.columnIndex("zero_threshold");
    private static final int EXP_POSITIVE_OFFSET = Table.METRICS_EXP_HISTOGRAM.columnIndex("positive_offset");
    private static final int EXP_POSITIVE_COUNTS = Table.METRICS_EXP_HISTOGRAM.columnIndex("positive_bucket_counts");
    private static final int EXP_NEGATIVE_OFFSET = Table.METRICS_EXP_HISTOGRAM.columnIndex("negative_offset");
    private static final int EXP_NEGATIVE_COUNTS = Table.METRICS_EXP_HISTOGRAM.columnIndex("negative_bucket_counts");
    private static final int EXP_TEMPORALITY = Table.METRICS_EXP_HISTOGRAM.columnIndex("aggregation_temporality");

    private final BufferAllocator allocator;
    /** Builders in table order, created when a table gets its first row. */
    private final Map<Table, TableBatchBuilder> builders = new EnumMap<>(Table.class);
    private long[] longScratch = new long[16];
    private double[] doubleScratch = new double[16];
    private long summaryPoints;

    MetricsRowWriter(BufferAllocator allocator) {
        super(LAYOUT);
        this.allocator = allocator;
    }

    @Override
    void writeItem(Metric metric, ResourceValues resource, ScopeValues scope) {
        switch (metric.getDataCase()) {
            case GAUGE -> {
                for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
                    writeNumberPoint(Table.METRICS_GAUGE, GAUGE, metric, point, resource, scope);
                }
            }
            case SUM -> {
                int temporality = metric.getSum().getAggregationTemporalityValue();
                boolean monotonic = metric.getSum().getIsMonotonic();
                for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                    TableBatchBuilder rows = writeNumberPoint(Table.METRICS_SUM, SUM, metric, point, resource, scope);
                    rows.setInt(SUM_TEMPORALITY, temporality);
                    rows.setBoolean(SUM_MONOTONIC, monotonic);
                }
            }
            case HISTOGRAM -> {
                int temporality = metric.getHistogram().getAggregationTemporalityValue();
                for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                    writeHistogramPoint(metric, point, temporality, resource, scope);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                int temporality = metric.getExponentialHistogram().getAggregationTemporalityValue();
                for (ExponentialHistogramDataPoint point : metric.getExponentialHistogram().getDataPointsList()) {
                    writeExpHistogramPoint(metric, point, temporality, resource, scope);
                }
            }
            case SUMMARY -> summaryPoints += metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> {
                // a metric without data has no data points, hence no rows
            }
        }
    }

    private TableBatchBuilder writeNumberPoint(Table table, MetricColumns columns, Metric metric,
            NumberDataPoint point, ResourceValues resource, ScopeValues scope) {
        TableBatchBuilder rows = startRow(table, columns, metric, resource, scope, point.getTimeUnixNano(),
                point.getStartTimeUnixNano(), point.getAttributesList(), point.getFlags(), point.getExemplarsList());
        switch (point.getValueCase()) {
            case AS_INT -> rows.setLong(INT_VALUE, point.getAsInt());
            case AS_DOUBLE -> rows.setDouble(DOUBLE_VALUE, point.getAsDouble());
            case VALUE_NOT_SET -> {
                // neither value: both columns stay NULL
            }
        }
        return rows;
    }

    private void writeHistogramPoint(Metric metric, HistogramDataPoint point, int temporality,
            ResourceValues resource, ScopeValues scope) {
        TableBatchBuilder rows = startRow(Table.METRICS_HISTOGRAM, HISTOGRAM, metric, resource, scope,
                point.getTimeUnixNano(), point.getStartTimeUnixNano(), point.getAttributesList(), point.getFlags(),
                point.getExemplarsList());
        rows.setLong(HIST_COUNT, point.getCount());
        if (point.hasSum()) {
            rows.setDouble(HIST_SUM, point.getSum());
        }
        if (point.hasMin()) {
            rows.setDouble(HIST_MIN, point.getMin());
        }
        if (point.hasMax()) {
            rows.setDouble(HIST_MAX, point.getMax());
        }
        int buckets = point.getBucketCountsCount();
        long[] counts = longs(buckets);
        for (int i = 0; i < buckets; i++) {
            counts[i] = point.getBucketCounts(i);
        }
        rows.setLongList(HIST_BUCKET_COUNTS, counts, buckets);
        int bounds = point.getExplicitBoundsCount();
        double[] values = doubles(bounds);
        for (int i = 0; i < bounds; i++) {
            values[i] = point.getExplicitBounds(i);
        }
        rows.setDoubleList(HIST_BOUNDS, values, bounds);
        rows.setInt(HIST_TEMPORALITY, temporality);
    }

    private void writeExpHistogramPoint(Metric metric, ExponentialHistogramDataPoint point, int temporality,
            ResourceValues resource, ScopeValues scope) {
        TableBatchBuilder rows = startRow(Table.METRICS_EXP_HISTOGRAM, EXP_HISTOGRAM, metric, resource, scope,
                point.getTimeUnixNano(), point.getStartTimeUnixNano(), point.getAttributesList(), point.getFlags(),
                point.getExemplarsList());
        rows.setLong(EXP_COUNT, point.getCount());
        if (point.hasSum()) {
            rows.setDouble(EXP_SUM, point.getSum());
        }
        if (point.hasMin()) {
            rows.setDouble(EXP_MIN, point.getMin());
        }
        if (point.hasMax()) {
            rows.setDouble(EXP_MAX, point.getMax());
        }
        rows.setInt(EXP_SCALE, point.getScale());
        rows.setLong(EXP_ZERO_COUNT, point.getZeroCount());
        rows.setDouble(EXP_ZERO_THRESHOLD, point.getZeroThreshold());
        writeBuckets(rows, EXP_POSITIVE_OFFSET, EXP_POSITIVE_COUNTS, point.getPositive());
        writeBuckets(rows, EXP_NEGATIVE_OFFSET, EXP_NEGATIVE_COUNTS, point.getNegative());
        rows.setInt(EXP_TEMPORALITY, temporality);
    }

    private void writeBuckets(TableBatchBuilder rows, int offsetColumn, int countsColumn,
            ExponentialHistogramDataPoint.Buckets buckets) {
        rows.setInt(offsetColumn, buckets.getOffset());
        int n = buckets.getBucketCountsCount();
        long[] counts = longs(n);
        for (int i = 0; i < n; i++) {
            counts[i] = buckets.getBucketCounts(i);
        }
        rows.setLongList(countsColumn, counts, n);
    }

    /** Starts a row in the table and sets the columns every metric table has. */
    private TableBatchBuilder startRow(Table table, MetricColumns columns, Metric metric, ResourceValues resource,
            ScopeValues scope, long time, long startTime, List<KeyValue> attributes, int flags,
            List<Exemplar> exemplars) {
        TableBatchBuilder rows = builders.computeIfAbsent(table, t -> new TableBatchBuilder(t, allocator));
        rows.startRow();
        columns.shared.write(rows, resource, scope);
        rows.setTimestampNanos(columns.time, time);
        rows.setTimestampNanos(columns.startTime, startTime);
        rows.setString(columns.name, Rows.text(metric.getName()));
        rows.setString(columns.description, Rows.text(metric.getDescription()));
        rows.setString(columns.unit, Rows.text(metric.getUnit()));
        rows.setString(columns.metricAttributes, AttributeJson.object(json, attributes));
        rows.setInt(columns.flags, flags);
        rows.setString(columns.exemplars, exemplarsJson(exemplars));
        return rows;
    }

    private String exemplarsJson(List<Exemplar> exemplars) {
        json.reset().beginArray();
        for (Exemplar exemplar : exemplars) {
            json.beginObject().name("time_unix_nano").unsignedValue(exemplar.getTimeUnixNano());
            switch (exemplar.getValueCase()) {
                case AS_INT -> json.name("as_int").value(exemplar.getAsInt());
                case AS_DOUBLE -> json.name("as_double").value(exemplar.getAsDouble());
                case VALUE_NOT_SET -> {
                    // an exemplar without a value keeps only its context
                }
            }
            json.name("span_id").value(Rows.hexId(exemplar.getSpanId()))
                    .name("trace_id").value(Rows.hexId(exemplar.getTraceId()));
            Rows.attributesMember(json, "filtered_attributes", exemplar.getFilteredAttributesList());
            json.endObject();
        }
        return json.endArray().text();
    }

    private long[] longs(int n) {
        if (longScratch.length < n) {
            longScratch = new long[Math.max(n, longScratch.length * 2)];
        }
        return longScratch;
    }

    private double[] doubles(int n) {
        if (doubleScratch.length < n) {
            doubleScratch = new double[Math.max(n, doubleScratch.length * 2)];
        }
        return doubleScratch;
    }

    @Override
    TableBatches finish() {
        List<TableBatch> batches = new ArrayList<>(builders.size());
        try {
            for (TableBatchBuilder rows : builders.values()) {
                batches.add(rows.build());
            }
        } catch (RuntimeException e) {
            // the tables built so far left their builders, so close() would not free them
            batches.forEach(TableBatch::close);
            throw e;
        }
        String message = summaryPoints == 0 ? null
                : summaryPoints + " summary data point(s) rejected: Summary metrics have no table";
        return new TableBatches(batches, summaryPoints, message);
    }

    @Override
    public void close() {
        for (TableBatchBuilder rows : builders.values()) {
            rows.close();
        }
    }
}
