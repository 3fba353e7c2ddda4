package dev.eider.runtime.admin;

import dev.eider.runtime.component.ListenerStatus;
import dev.eider.runtime.seal.PipelineStatus;
import dev.eider.runtime.seal.SealRecord;
import java.util.List;

/** Collector state shared by the admin tests, with awkward strings where strings go. */
final class AdminFixtures {
    static final String TOKEN = "test-admin-token-0123456789";

    static final ListenerStatus HTTP_LISTENER = new ListenerStatus("otlp", "http", "otlp:http://localhost:4318",
            "http://localhost:4318", "localhost", 4318, 2, 10, 1500, true, null);
    static final ListenerStatus GRPC_LISTENER = new ListenerStatus("otlp/internal", "grpc",
            "otlp:grpc://localhost:4317", "http://localhost:4317", "localhost", 4317, 0, 3, 7, false,
            "closed: \"port\" gone\n");

    static final PipelineStatus LOGS = new PipelineStatus("logs", List.of("duckdb", "ducklake/lake"), 120, 4096,
            8192, 134217728, 5000, 1234L, 250L, 7, 9000, 1, "seal failed: disk \"full\"", 2, 0, 60000L, null, 3);
    static final PipelineStatus TRACES = new PipelineStatus("traces/x", List.of(), 0, 0, 0, 1024, 250, null, null,
            0, 0, 0, null, 0, 0, null, null, 0);

    static final SealRecord GOOD_SEAL = new SealRecord("logs", "duckdb", 6, 1700000000000L, 1700000000040L, 40, 30,
            10, 500, 65536, true, 6, 0, 8500, null);
    static final SealRecord FAILED_SEAL = new SealRecord("logs", "ducklake/lake", 7, 1700000001000L,
            1700000001005L, 5, 0, 0, 0, 65536, false, 6, 1, 8500, "IO Error: \\tmp\\x \u0001");

    static final String LOGS_JSON = "{\"id\":\"logs\",\"exporters\":[\"duckdb\",\"ducklake/lake\"],"
            + "\"buffered_rows\":120,\"buffered_bytes\":4096,\"admitted_bytes\":8192,"
            + "\"seal_target_bytes\":134217728,\"seal_max_age_ms\":5000,\"oldest_buffered_age_ms\":1234,"
            + "\"last_seal_age_ms\":250,\"seals_total\":7,\"committed_rows_total\":9000,"
            + "\"seal_failures_total\":1,\"seal_last_error\":\"seal failed: disk \\\"full\\\"\","
            + "\"maintenance_runs_total\":2,\"maintenance_failures_total\":0,\"last_maintenance_age_ms\":60000,"
            + "\"maintenance_last_error\":null,\"promoted_columns_total\":3}";
    static final String TRACES_JSON = "{\"id\":\"traces/x\",\"exporters\":[],\"buffered_rows\":0,"
            + "\"buffered_bytes\":0,\"admitted_bytes\":0,\"seal_target_bytes\":1024,\"seal_max_age_ms\":250,"
            + "\"oldest_buffered_age_ms\":null,\"last_seal_age_ms\":null,\"seals_total\":0,"
            + "\"committed_rows_total\":0,\"seal_failures_total\":0,\"seal_last_error\":null,"
            + "\"maintenance_runs_total\":0,\"maintenance_failures_total\":0,\"last_maintenance_age_ms\":null,"
            + "\"maintenance_last_error\":null,\"promoted_columns_total\":0}";
    static final String HTTP_LISTENER_JSON = "{\"id\":\"otlp\",\"protocol\":\"http\","
            + "\"listen_uri\":\"otlp:http://localhost:4318\",\"listen_url\":\"http://localhost:4318\","
            + "\"host\":\"localhost\",\"port\":4318,\"active_requests\":2,\"total_requests\":10,"
            + "\"total_rows\":1500,\"is_listening\":true,\"last_error\":null}";
    static final String GRPC_LISTENER_JSON = "{\"id\":\"otlp/internal\",\"protocol\":\"grpc\","
            + "\"listen_uri\":\"otlp:grpc://localhost:4317\",\"listen_url\":\"http://localhost:4317\","
            + "\"host\":\"localhost\",\"port\":4317,\"active_requests\":0,\"total_requests\":3,"
            + "\"total_rows\":7,\"is_listening\":false,\"last_error\":\"closed: \\\"port\\\" gone\\n\"}";
    static final String SEALS_JSON = "[{\"pipeline\":\"logs\",\"exporter\":\"duckdb\",\"seal_sequence\":6,"
            + "\"started_unix_ms\":1700000000000,\"completed_unix_ms\":1700000000040,\"duration_ms\":40,"
            + "\"append_duration_ms\":30,\"commit_duration_ms\":10,\"rows_committed\":500,"
            + "\"admitted_bytes\":65536,\"success\":true,\"seals_total\":6,\"seal_failures_total\":0,"
            + "\"committed_rows_total\":8500,\"error\":null},"
            + "{\"pipeline\":\"logs\",\"exporter\":\"ducklake/lake\",\"seal_sequence\":7,"
            + "\"started_unix_ms\":1700000001000,\"completed_unix_ms\":1700000001005,\"duration_ms\":5,"
            + "\"append_duration_ms\":0,\"commit_duration_ms\":0,\"rows_committed\":0,"
            + "\"admitted_bytes\":65536,\"success\":false,\"seals_total\":6,\"seal_failures_total\":1,"
            + "\"committed_rows_total\":8500,\"error\":\"IO Error: \\\\tmp\\\\x \\u0001\"}]";

    private AdminFixtures() {}
}
