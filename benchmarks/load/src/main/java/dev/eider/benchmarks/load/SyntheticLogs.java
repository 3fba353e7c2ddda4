package dev.eider.benchmarks.load;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Random;

/**
 * Builds an export request of {@code records} log records of about {@code recordBytes} encoded
 * bytes each: fixed ids, timestamps and two attributes, and a body of random lowercase words
 * padded to the size (random so gzip ratios look like real text, not like a run of one byte).
 */
public final class SyntheticLogs {
    /** Encoded bytes of a record apart from its body text, measured on the shape built below. */
    private static final int RECORD_OVERHEAD = 120;

    private SyntheticLogs() {}

    public static byte[] request(int records, int recordBytes, long seed) {
        if (records <= 0 || recordBytes <= 0) {
            throw new IllegalArgumentException("records and record size must be positive");
        }
        var random = new Random(seed);
        var scope = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("eider.load").setVersion("1"));
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < records; i++) {
            scope.addLogRecords(LogRecord.newBuilder()
                    .setTimeUnixNano(now + i)
                    .setObservedTimeUnixNano(now + i)
                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
                    .setSeverityText("INFO")
                    .setBody(AnyValue.newBuilder().setStringValue(words(random, recordBytes - RECORD_OVERHEAD)))
                    .addAttributes(attribute("http.route", "/api/v1/orders/{id}"))
                    .addAttributes(attribute("thread.name", "worker-" + (i % 16)))
                    .setTraceId(ByteString.copyFrom(bytes(random, 16)))
                    .setSpanId(ByteString.copyFrom(bytes(random, 8))));
        }
        var resource = Resource.newBuilder()
                .addAttributes(attribute("service.name", "load-generator"))
                .addAttributes(attribute("host.name", "bench-host"));
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
                .build()
                .toByteArray();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static String words(Random random, int length) {
        var text = new StringBuilder(Math.max(length, 1));
        while (text.length() < length) {
            int word = 2 + random.nextInt(8);
            for (int i = 0; i < word && text.length() < length; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            if (text.length() < length) {
                text.append(' ');
            }
        }
        return text.length() == 0 ? "x" : text.toString();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
