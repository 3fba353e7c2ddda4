package dev.eider.runtime.admin;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.seal.FlushResult;
import dev.eider.runtime.seal.PipelineStatus;
import dev.eider.runtime.seal.SealRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin API's JSON documents, with the field names of docs/seal-contract.md, in spec order. */
final class AdminDocuments {
    private AdminDocuments() {}

    static Map<String, Object> status(String status) {
        return Map.of("status", status);
    }

    static Map<String, Object> error(String error, String message) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", error);
        doc.put("message", message);
        return doc;
    }

    static Map<String, Object> collectorStatus(List<ListenerStatus> receivers, List<PipelineStatus> pipelines) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("receivers", receivers.stream().map(AdminDocuments::receiver).toList());
        doc.put("pipelines", pipelines.stream().map(AdminDocuments::pipeline).toList());
        return doc;
    }

    static Map<String, Object> receiver(ListenerStatus r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", r.id());
        doc.put("protocol", r.protocol());
        doc.put("listen_uri", r.listenUri());
        doc.put("listen_url", r.listenUrl());
        doc.put("host", r.host());
        doc.put("port", r.port());
        doc.put("active_requests", r.activeRequests());
        doc.put("total_requests", r.totalRequests());
        doc.put("total_rows", r.totalRows());
        doc.put("is_listening", r.isListening());
        doc.put("last_error", r.lastError());
        return doc;
    }

    static Map<String, Object> pipeline(PipelineStatus p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", p.id());
        doc.put("exporters", p.exporters());
        doc.put("buffered_rows", p.bufferedRows());
        doc.put("buffered_bytes", p.bufferedBytes());
        doc.put("admitted_bytes", p.admittedBytes());
        doc.put("seal_target_bytes", p.sealTargetBytes());
        doc.put("seal_max_age_ms", p.sealMaxAgeMs());
        doc.put("oldest_buffered_age_ms", p.oldestBufferedAgeMs());
        doc.put("last_seal_age_ms", p.lastSealAgeMs());
        doc.put("seals_total", p.sealsTotal());
        doc.put("committed_rows_total", p.committedRowsTotal());
        doc.put("seal_failures_total", p.sealFailuresTotal());
        doc.put("seal_last_error", p.sealLastError());
        doc.put("maintenance_runs_total", p.maintenanceRunsTotal());
        doc.put("maintenance_failures_total", p.maintenanceFailuresTotal());
        doc.put("last_maintenance_age_ms", p.lastMaintenanceAgeMs());
        doc.put("maintenance_last_error", p.maintenanceLastError());
        doc.put("promoted_columns_total", p.promotedColumnsTotal());
        return doc;
    }

    static Map<String, Object> seal(SealRecord s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pipeline", s.pipeline());
        doc.put("exporter", s.exporter());
        doc.put("seal_sequence", s.sealSequence());
        doc.put("started_unix_ms", s.startedUnixMs());
        doc.put("completed_unix_ms", s.completedUnixMs());
        doc.put("duration_ms", s.durationMs());
        doc.put("append_duration_ms", s.appendDurationMs());
        doc.put("commit_duration_ms", s.commitDurationMs());
        doc.put("rows_committed", s.rowsCommitted());
        doc.put("admitted_bytes", s.admittedBytes());
        doc.put("success", s.success());
        doc.put("seals_total", s.sealsTotal());
        doc.put("seal_failures_total", s.sealFailuresTotal());
        doc.put("committed_rows_total", s.committedRowsTotal());
        doc.put("error", s.error());
        return doc;
    }

    static Map<String, Object> flush(FlushResult f) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", f.status());
        doc.put("sealed_rows", f.sealedRows());
        doc.put("seals_total", f.sealsTotal());
        doc.put("error", f.error());
        return doc;
    }
}
