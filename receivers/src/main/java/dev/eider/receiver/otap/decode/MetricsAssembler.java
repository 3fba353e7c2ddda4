package dev.eider.receiver.otap.decode;

import com.google.protobuf.ByteString;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the OTLP metrics request from UNIVARIATE_METRICS and the data point, attribute and
 * exemplar payloads. Data point parent ids (metric ids) are delta-encoded by default; exemplar
 * parent ids are quasi-delta on the exemplar value.
 */
final class MetricsAssembler {
    /** metric_type codes (pmetric.MetricType). */
    private static final int GAUGE = 1;
    private static final int SUM = 2;
    private static final int HISTOGRAM = 3;
    private static final int EXPONENTIAL_HISTOGRAM = 4;
    private static final int SUMMARY = 5;

    private MetricsAssembler() {}

    static ExportMetricsServiceRequest assemble(DecodedPayloads payloads) throws OtapDecodeException {
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        PayloadRecord metrics = payloads.root(ArrowPayloadType.UNIVARIATE_METRICS);
        if (metrics == null) {
            return request.build();
        }
        int rows = metrics.rowCount();
        ResourceScopeGroups groups = payloads.resourceScopeGroups(metrics);
        long[] ids = IdColumn.delta(metrics.required("id"), rows);
        Column type = metrics.required("metric_type");
        Column name = metrics.column("name");
        Column description = metrics.column("description");
        Column unit = metrics.column("unit");
        Column temporality = metrics.column("aggregation_temporality");
        Column monotonic = metrics.column("is_monotonic");
        AttributeStore metadata = payloads.attributes(ArrowPayloadType.METRIC_ATTRS);
        Map<Long, List<NumberDataPoint>> numbers = numberPoints(payloads);
        Map<Long, List<HistogramDataPoint>> histograms = histogramPoints(payloads);
        Map<Long, List<ExponentialHistogramDataPoint>> expHistograms = expHistogramPoints(payloads);
        Map<Long, List<SummaryDataPoint>> summaries = summaryPoints(payloads);

        ResourceMetrics.Builder resource = null;
        ScopeMetrics.Builder scope = null;
        for (int row = 0; row < rows; row++) {
            if (groups.startsResource(row)) {
                resource = request.addResourceMetricsBuilder()
                        .setResource(groups.resource(row))
                        .setSchemaUrl(groups.resourceSchemaUrl(row));
            }
            if (groups.startsScope(row)) {
                scope = resource.addScopeMetricsBuilder()
                        .setScope(groups.scope(row))
                        .setSchemaUrl(groups.scopeSchemaUrl(row));
            }
            long id = ids[row];
            if (id == IdColumn.NONE) {
                throw new OtapDecodeException("UNIVARIATE_METRICS.id is null in row " + row);
            }
            Metric.Builder metric = scope.addMetricsBuilder()
                    .setName(PayloadRecord.stringOrEmpty(name, row))
                    .setDescription(PayloadRecord.stringOrEmpty(description, row))
                    .setUnit(PayloadRecord.stringOrEmpty(unit, row))
                    .addAllMetadata(metadata.of(id));
            AggregationTemporality aggregation = AggregationTemporality.forNumber(PayloadRecord.intOrZero(temporality, row));
            if (aggregation == null) {
                aggregation = AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED;
            }
            long metricType = PayloadRecord.longOrZero(type, row);
            switch ((int) metricType) {
                case GAUGE -> metric.setGauge(Gauge.newBuilder().addAllDataPoints(numbers.getOrDefault(id, List.of())));
                case SUM -> metric.setSum(Sum.newBuilder()
                        .setAggregationTemporality(aggregation)
                        .setIsMonotonic(PayloadRecord.booleanOrFalse(monotonic, row))
                        .addAllDataPoints(numbers.getOrDefault(id, List.of())));
                case HISTOGRAM -> metric.setHistogram(Histogram.newBuilder()
                        .setAggregationTemporality(aggregation)
                        .addAllDataPoints(histograms.getOrDefault(id, List.of())));
                case EXPONENTIAL_HISTOGRAM -> metric.setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(aggregation)
                        .addAllDataPoints(expHistograms.getOrDefault(id, List.of())));
                case SUMMARY -> metric.setSummary(Summary.newBuilder().addAllDataPoints(summaries.getOrDefault(id, List.of())));
                default -> throw new OtapDecodeException("UNIVARIATE_METRICS.metric_type has unknown value "
                        + metricType + " in row " + row);
            }
        }
        return request.build();
    }

    /** The columns every data point payload has, with ids decoded. */
    private record Points(PayloadRecord record, long[] ids, long[] metricIds, Column start, Column time, Column flags,
            AttributeStore attributes, Map<Long, List<Exemplar>> exemplars) {
        static Points of(DecodedPayloads payloads, PayloadRecord record, ArrowPayloadType attributesType,
                ArrowPayloadType exemplarsType, ArrowPayloadType exemplarAttributesType) throws OtapDecodeException {
            int rows = record.rowCount();
            return new Points(record, IdColumn.delta(record.column("id"), rows),
                    IdColumn.delta(record.required("parent_id"), rows),
                    record.column("start_time_unix_nano"), record.column("time_unix_nano"), record.column("flags"),
                    payloads.attributes(attributesType),
                    exemplarsType == null ? Map.of() : MetricsAssembler.exemplars(payloads, exemplarsType, exemplarAttributesType));
        }

        long metricId(int row) throws OtapDecodeException {
            return IdColumn.parent(record, metricIds, row);
        }

        List<Exemplar> exemplarsOf(int row) {
            return ids[row] == IdColumn.NONE ? List.of() : exemplars.getOrDefault(ids[row], List.of());
        }
    }

    private static Map<Long, List<NumberDataPoint>> numberPoints(DecodedPayloads payloads) throws OtapDecodeException {
        PayloadRecord record = payloads.root(ArrowPayloadType.NUMBER_DATA_POINTS);
        if (record == null) {
            return Map.of();
        }
        Points points = Points.of(payloads, record, ArrowPayloadType.NUMBER_DP_ATTRS,
                ArrowPayloadType.NUMBER_DP_EXEMPLARS, ArrowPayloadType.NUMBER_DP_EXEMPLAR_ATTRS);
        Column intValue = record.column("int_value");
        Column doubleValue = record.column("double_value");
        Map<Long, List<NumberDataPoint>> byMetric = new HashMap<>();
        for (int row = 0; row < record.rowCount(); row++) {
            NumberDataPoint.Builder point = NumberDataPoint.newBuilder()
                    .setStartTimeUnixNano(PayloadRecord.longOrZero(points.start, row))
                    .setTimeUnixNano(PayloadRecord.longOrZero(points.time, row))
                    .addAllAttributes(points.attributes.of(points.ids[row]))
                    .addAllExemplars(points.exemplarsOf(row))
                    .setFlags(PayloadRecord.intOrZero(points.flags, row));
            if (PayloadRecord.present(intValue, row)) {
                point.setAsInt(intValue.longValue(row));
            } else if (PayloadRecord.present(doubleValue, row)) {
                point.setAsDouble(doubleValue.doubleValue(row));
            }
            byMetric.computeIfAbsent(points.metricId(row), id -> new ArrayList<>()).add(point.build());
        }
        return byMetric;
    }

    private static Map<Long, List<HistogramDataPoint>> histogramPoints(DecodedPayloads payloads) throws OtapDecodeException {
        PayloadRecord record = payloads.root(ArrowPayloadType.HISTOGRAM_DATA_POINTS);
        if (record == null) {
            return Map.of();
        }
        Points points = Points.of(payloads, record, ArrowPayloadType.HISTOGRAM_DP_ATTRS,
                ArrowPayloadType.HISTOGRAM_DP_EXEMPLARS, ArrowPayloadType.HISTOGRAM_DP_EXEMPLAR_ATTRS);
        Column count = record.column("count");
        Column sum = record.column("sum");
        Column min = record.column("min");
        Column max = record.column("max");
        Column bucketCounts = record.column("bucket_counts");
        Column explicitBounds = record.column("explicit_bounds");
        Map<Long, List<HistogramDataPoint>> byMetric = new HashMap<>();
        for (int row = 0; row < record.rowCount(); row++) {
            HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
                    .setStartTimeUnixNano(PayloadRecord.longOrZero(points.start, row))
                    .setTimeUnixNano(PayloadRecord.longOrZero(points.time, row))
                    .setCount(PayloadRecord.longOrZero(count, row))
                    .addAllAttributes(points.attributes.of(points.ids[row]))
                    .addAllExemplars(points.exemplarsOf(row))
                    .setFlags(PayloadRecord.intOrZero(points.flags, row));
            for (long bucket : ListColumn.longs(bucketCounts, row)) {
                point.addBucketCounts(bucket);
            }
            for (double bound : ListColumn.doubles(explicitBounds, row)) {
                point.addExplicitBounds(bound);
            }
            if (PayloadRecord.present(sum, row)) {
                point.setSum(sum.doubleValue(row));
            }
            if (PayloadRecord.present(min, row)) {
                point.setMin(min.doubleValue(row));
            }
            if (PayloadRecord.present(max, row)) {
                point.setMax(max.doubleValue(row));
            }
            byMetric.computeIfAbsent(points.metricId(row), id -> new ArrayList<>()).add(point.build());
        }
        return byMetric;
    }

    private static Map<Long, List<ExponentialHistogramDataPoint>> expHistogramPoints(DecodedPayloads payloads)
            throws OtapDecodeException {
        PayloadRecord record = payloads.root(ArrowPayloadType.EXP_HISTOGRAM_DATA_POINTS);
        if (record == null) {
            return Map.of();
        }
        Points points = Points.of(payloads, record, ArrowPayloadType.EXP_HISTOGRAM_DP_ATTRS,
                ArrowPayloadType.EXP_HISTOGRAM_DP_EXEMPLARS, ArrowPayloadType.EXP_HISTOGRAM_DP_EXEMPLAR_ATTRS);
        Column count = record.column("count");
        Column sum = record.column("sum");
        Column min = record.column("min");
        Column max = record.column("max");
        Column scale = record.column("scale");
        Column zeroCount = record.column("zero_count");
        Column zeroThreshold = record.column("zero_threshold");
        Column positiveOffset = record.column("positive.offset");
        Column positiveCounts = record.column("positive.bucket_counts");
        Column negativeOffset = record.column("negative.offset");
        Column negativeCounts = record.column("negative.bucket_counts");
        Map<Long, List<ExponentialHistogramDataPoint>> byMetric = new HashMap<>();
        for (int row = 0; row < record.rowCount(); row++) {
            ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder()
                    .setStartTimeUnixNano(PayloadRecord.longOrZero(points.start, row))
                    .setTimeUnixNano(PayloadRecord.longOrZero(points.time, row))
                    .setCount(PayloadRecord.longOrZero(count, row))
                    .setScale(PayloadRecord.intOrZero(scale, row))
                    .setZeroCount(PayloadRecord.longOrZero(zeroCount, row))
                    .setZeroThreshold(PayloadRecord.doubleOrZero(zeroThreshold, row))
                    .setPositive(buckets(positiveOffset, positiveCounts, row))
                    .setNegative(buckets(negativeOffset, negativeCounts, row))
                    .addAllAttributes(points.attributes.of(points.ids[row]))
                    .addAllExemplars(points.exemplarsOf(row))
                    .setFlags(PayloadRecord.intOrZero(points.flags, row));
            if (PayloadRecord.present(sum, row)) {
                point.setSum(sum.doubleValue(row));
            }
            if (PayloadRecord.present(min, row)) {
                point.setMin(min.doubleValue(row));
            }
            if (PayloadRecord.present(max, row)) {
                point.setMax(max.doubleValue(row));
            }
            byMetric.computeIfAbsent(points.metricId(row), id -> new ArrayList<>()).add(point.build());
        }
        return byMetric;
    }

    private static ExponentialHistogramDataPoint.Buckets buckets(Column offset, Column counts, int row)
            throws OtapDecodeException {
        ExponentialHistogramDataPoint.Buckets.Builder buckets = ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(PayloadRecord.intOrZero(offset, row));
        for (long bucket : ListColumn.longs(counts, row)) {
            buckets.addBucketCounts(bucket);
        }
        return buckets.build();
    }

    /** Summary points have no table; they are kept so that the row writer counts them as rejected. */
    private static Map<Long, List<SummaryDataPoint>> summaryPoints(DecodedPayloads payloads) throws OtapDecodeException {
        PayloadRecord record = payloads.root(ArrowPayloadType.SUMMARY_DATA_POINTS);
        if (record == null) {
            return Map.of();
        }
        Points points = Points.of(payloads, record, ArrowPayloadType.SUMMARY_DP_ATTRS, null, null);
        Column count = record.column("count");
        Column sum = record.column("sum");
        Map<Long, List<SummaryDataPoint>> byMetric = new HashMap<>();
        for (int row = 0; row < record.rowCount(); row++) {
            byMetric.computeIfAbsent(points.metricId(row), id -> new ArrayList<>()).add(SummaryDataPoint.newBuilder()
                    .setStartTimeUnixNano(PayloadRecord.longOrZero(points.start, row))
                    .setTimeUnixNano(PayloadRecord.longOrZero(points.time, row))
                    .setCount(PayloadRecord.longOrZero(count, row))
                    .setSum(PayloadRecord.doubleOrZero(sum, row))
                    .addAllAttributes(points.attributes.of(points.ids[row]))
                    .setFlags(PayloadRecord.intOrZero(points.flags, row))
                    .build());
        }
        return byMetric;
    }

    /** Exemplars by data point id; parent_id is quasi-delta on the exemplar's int or double value. */
    private static Map<Long, List<Exemplar>> exemplars(DecodedPayloads payloads, ArrowPayloadType type,
            ArrowPayloadType attributesType) throws OtapDecodeException {
        PayloadRecord record = payloads.root(type);
        if (record == null) {
            return Map.of();
        }
        int rows = record.rowCount();
        AttributeStore attributes = payloads.attributes(attributesType);
        Column intValue = record.column("int_value");
        Column doubleValue = record.column("double_value");
        Exemplar.Builder[] exemplars = new Exemplar.Builder[rows];
        for (int row = 0; row < rows; row++) {
            exemplars[row] = Exemplar.newBuilder();
            if (PayloadRecord.present(intValue, row)) {
                exemplars[row].setAsInt(intValue.longValue(row));
            } else if (PayloadRecord.present(doubleValue, row)) {
                exemplars[row].setAsDouble(doubleValue.doubleValue(row));
            }
        }
        long[] ids = IdColumn.delta(record.column("id"), rows);
        long[] parents = IdColumn.decode(record.required("parent_id"), rows, IdColumn.Encoding.QUASI_DELTA,
                (previous, row) -> sameValue(exemplars[previous], exemplars[row]));
        Column time = record.column("time_unix_nano");
        Column spanId = record.column("span_id");
        Column traceId = record.column("trace_id");
        Map<Long, List<Exemplar>> byPoint = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            Exemplar exemplar = exemplars[row]
                    .setTimeUnixNano(PayloadRecord.longOrZero(time, row))
                    .setSpanId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(spanId, row)))
                    .setTraceId(ByteString.copyFrom(PayloadRecord.bytesOrEmpty(traceId, row)))
                    .addAllFilteredAttributes(attributes.of(ids[row]))
                    .build();
            byPoint.computeIfAbsent(IdColumn.parent(record, parents, row), id -> new ArrayList<>()).add(exemplar);
        }
        return byPoint;
    }

    /** Rows without a value continue the run; rows with one continue it only after the same value. */
    private static boolean sameValue(Exemplar.Builder previous, Exemplar.Builder current) {
        return switch (current.getValueCase()) {
            case AS_INT -> previous.getValueCase() == Exemplar.ValueCase.AS_INT && previous.getAsInt() == current.getAsInt();
            case AS_DOUBLE -> previous.getValueCase() == Exemplar.ValueCase.AS_DOUBLE
                    && previous.getAsDouble() == current.getAsDouble();
            case VALUE_NOT_SET -> true;
        };
    }
}
