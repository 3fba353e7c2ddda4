package dev.eider.receiver.otap.decode;

import static dev.eider.receiver.otap.proto.ArrowPayloadType.*;

import dev.eider.receiver.otap.proto.ArrowPayloadType;
import dev.eider.runtime.pipeline.Signal;
import java.util.EnumSet;
import java.util.Set;

/** Which payload types each signal's service accepts. */
final class PayloadTypes {
    private PayloadTypes() {}

    static Set<ArrowPayloadType> of(Signal signal) {
        return switch (signal) {
            case LOGS -> EnumSet.of(RESOURCE_ATTRS, SCOPE_ATTRS, LOGS, LOG_ATTRS);
            case TRACES -> EnumSet.of(RESOURCE_ATTRS, SCOPE_ATTRS, SPANS, SPAN_ATTRS, SPAN_EVENTS, SPAN_LINKS,
                    SPAN_EVENT_ATTRS, SPAN_LINK_ATTRS);
            case METRICS -> EnumSet.of(RESOURCE_ATTRS, SCOPE_ATTRS, UNIVARIATE_METRICS, METRIC_ATTRS, NUMBER_DATA_POINTS,
                    SUMMARY_DATA_POINTS, HISTOGRAM_DATA_POINTS, EXP_HISTOGRAM_DATA_POINTS, NUMBER_DP_ATTRS,
                    SUMMARY_DP_ATTRS, HISTOGRAM_DP_ATTRS, EXP_HISTOGRAM_DP_ATTRS, NUMBER_DP_EXEMPLARS,
                    HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS, NUMBER_DP_EXEMPLAR_ATTRS,
                    HISTOGRAM_DP_EXEMPLAR_ATTRS, EXP_HISTOGRAM_DP_EXEMPLAR_ATTRS);
        };
    }
}
