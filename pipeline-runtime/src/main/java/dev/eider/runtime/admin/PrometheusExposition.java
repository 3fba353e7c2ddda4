package dev.eider.runtime.admin;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.seal.PipelineStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Renders the collector's counters in the Prometheus text exposition format 0.0.4: the same
 * numbers {@code /v1/status} reports, one family per counter, labelled by pipeline or receiver.
 * Ages are in seconds (Prometheus convention); a series whose value is unknown is left out.
 */
final class PrometheusExposition {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();

    private PrometheusExposition() {}

    static String render(boolean ready, List<ListenerStatus> receivers, List<PipelineStatus> pipelines) {
        PrometheusExposition e = new PrometheusExposition();
        e.header("eider_ready", "gauge", "1 while every pipeline is committing rows, 0 when degraded");
        e.sample("eider_ready", "", ready ? "1" : "0");
        e.pipelines(pipelines);
        e.receivers(receivers);
        return e.out.toString();
    }

    private void pipelines(List<PipelineStatus> pipelines) {
        pipelineLongs(pipelines, "eider_pipeline_buffered_rows", "gauge",
                "Rows buffered and not yet sealed", PipelineStatus::bufferedRows);
        pipelineLongs(pipelines, "eider_pipeline_buffered_bytes", "gauge",
                "Decoded heap bytes of the buffered rows", PipelineStatus::bufferedBytes);
        pipelineLongs(pipelines, "eider_pipeline_admitted_bytes", "gauge",
                "Admitted request bytes not yet sealed by every exporter", PipelineStatus::admittedBytes);
        pipelineLongs(pipelines, "eider_pipeline_seal_target_bytes", "gauge",
                "Admitted bytes that trigger a seal", PipelineStatus::sealTargetBytes);
        pipelineSeconds(pipelines, "eider_pipeline_oldest_buffered_age_seconds",
                "Age of the oldest buffered row", PipelineStatus::oldestBufferedAgeMs);
        pipelineSeconds(pipelines, "eider_pipeline_last_seal_age_seconds",
                "Time since the last successful seal", PipelineStatus::lastSealAgeMs);
        pipelineLongs(pipelines, "eider_pipeline_seals_total", "counter",
                "Successful seals", PipelineStatus::sealsTotal);
        pipelineLongs(pipelines, "eider_pipeline_committed_rows_total", "counter",
                "Rows committed by seals", PipelineStatus::committedRowsTotal);
        pipelineLongs(pipelines, "eider_pipeline_seal_failures_total", "counter",
                "Failed seal attempts", PipelineStatus::sealFailuresTotal);
        pipelineLongs(pipelines, "eider_pipeline_maintenance_runs_total", "counter",
                "Catalog maintenance runs", PipelineStatus::maintenanceRunsTotal);
        pipelineLongs(pipelines, "eider_pipeline_maintenance_failures_total", "counter",
                "Failed catalog maintenance runs", PipelineStatus::maintenanceFailuresTotal);
        pipelineLongs(pipelines, "eider_pipeline_promoted_columns_total", "counter",
                "Attribute columns promoted", PipelineStatus::promotedColumnsTotal);
    }

    private void receivers(List<ListenerStatus> receivers) {
        receiverLongs(receivers, "eider_receiver_active_requests", "gauge",
                "Requests in flight on the listener", ListenerStatus::activeRequests);
        receiverLongs(receivers, "eider_receiver_requests_total", "counter",
                "Requests received by the listener", ListenerStatus::totalRequests);
        receiverLongs(receivers, "eider_receiver_rows_total", "counter",
                "Rows accepted by the listener", ListenerStatus::totalRows);
        receiverLongs(receivers, "eider_receiver_listening", "gauge",
                "1 while the listener accepts connections", r -> r.isListening() ? 1 : 0);
    }

    private void pipelineLongs(List<PipelineStatus> pipelines, String name, String type, String help,
            ToLongFunction<PipelineStatus> value) {
        header(name, type, help);
        for (PipelineStatus p : pipelines) {
            sample(name, pipelineLabels(p), Long.toString(value.applyAsLong(p)));
        }
    }

    private void pipelineSeconds(List<PipelineStatus> pipelines, String name, String help,
            Function<PipelineStatus, Long> millis) {
        header(name, "gauge", help);
        for (PipelineStatus p : pipelines) {
            Long ms = millis.apply(p);
            if (ms != null) {
                sample(name, pipelineLabels(p), BigDecimal.valueOf(ms, 3).toPlainString());
            }
        }
    }

    private void receiverLongs(List<ListenerStatus> receivers, String name, String type, String help,
            ToLongFunction<ListenerStatus> value) {
        header(name, type, help);
        for (ListenerStatus r : receivers) {
            String labels = "{receiver=\"" + labelValue(r.id()) + "\",protocol=\"" + labelValue(r.protocol()) + "\"}";
            sample(name, labels, Long.toString(value.applyAsLong(r)));
        }
    }

    private static String pipelineLabels(PipelineStatus p) {
        return "{pipeline=\"" + labelValue(p.id()) + "\"}";
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, String value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    /** Label values escape backslash, double quote and line feed (the format's only escapes). */
    static String labelValue(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
