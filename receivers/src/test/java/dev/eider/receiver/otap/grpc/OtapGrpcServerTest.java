package dev.eider.receiver.otap.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.eider.receiver.otap.decode.HostileIpc;
import dev.eider.receiver.otap.proto.ArrowLogsServiceGrpc;
import dev.eider.receiver.otap.proto.ArrowMetricsServiceGrpc;
import dev.eider.receiver.otap.proto.ArrowPayload;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otap.proto.BatchStatus;
import dev.eider.receiver.otap.proto.StatusCode;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.Table;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OTAP streams over a real gRPC connection, driven by a grpc-java client with the generated stubs. */
class OtapGrpcServerTest {
    private static final String TOKEN = "s3cret";

    private final RootAllocator allocator = new RootAllocator();
    private final CountingConsumer logs = new CountingConsumer(Signal.LOGS, TOKEN);
    private final CountingConsumer metrics = new CountingConsumer(Signal.METRICS, TOKEN);
    private OtapGrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = new OtapGrpcServer("otap", new Endpoint("127.0.0.1", 0), 1 << 20, Optional.empty(),
                Map.<Signal, SignalConsumer>of(Signal.LOGS, logs, Signal.METRICS, metrics), allocator);
        server.start();
        CompressorRegistry compressors = CompressorRegistry.getDefaultInstance();
        compressors.register(new ZstdArrowCompressor("zstdarrow3", 3));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .compressorRegistry(compressors)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.stop();
        assertEquals(0, logs.openAdmissions() + metrics.openAdmissions(), "admissions left open");
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    @Test
    void eachBatchIsAnsweredWithItsBatchIdAndStreamStateCarriesOver() throws Exception {
        ArrowStreamClient stream = logsStream(TOKEN);
        stream.send(batch("logs-initial.bar", 7));
        stream.send(batch("logs-reuse.bar", 8));
        assertStatus(stream.nextStatus(), 7, StatusCode.OK);
        assertStatus(stream.nextStatus(), 8, StatusCode.OK);
        stream.finish();
        assertEquals(Status.Code.OK, stream.end().getCode());
        assertEquals(16, logs.rows(Table.LOGS), "8 log records in each message");
        assertEquals(16, server.status().totalRows());
    }

    @Test
    void anEmptyBatchIsAckedOk() throws Exception {
        ArrowStreamClient stream = logsStream(TOKEN);
        stream.send(BatchArrowRecords.newBuilder().setBatchId(3).build());
        assertStatus(stream.nextStatus(), 3, StatusCode.OK);
        stream.finish();
        assertEquals(Status.Code.OK, stream.end().getCode());
        assertEquals(0, logs.rows(Table.LOGS));
    }

    @Test
    void aBatchThatDoesNotDecodeIsNackedAndEndsTheStream() throws Exception {
        ArrowStreamClient stream = logsStream(TOKEN);
        stream.send(BatchArrowRecords.newBuilder().setBatchId(5)
                .addArrowPayloads(ArrowPayload.newBuilder().setSchemaId("0").setType(ArrowPayloadType.LOGS)
                        .setRecord(ByteString.copyFromUtf8("not an Arrow IPC stream")))
                .build());
        BatchStatus status = stream.nextStatus();
        assertStatus(status, 5, StatusCode.INVALID_ARGUMENT);
        assertTrue(status.getStatusMessage().contains("LOGS payload"), status.getStatusMessage());
        assertEquals(Status.Code.INVALID_ARGUMENT, stream.end().getCode());
        assertEquals(0, logs.rows(Table.LOGS));
    }

    /** The stream's Arrow memory is capped at 4 x max_body_bytes (4 MiB here), whatever a buffer declares. */
    @Test
    void aMessageNeedingMoreArrowMemoryThanTheStreamMayHoldIsNacked() throws Exception {
        ArrowStreamClient stream = logsStream(TOKEN);
        stream.send(BatchArrowRecords.newBuilder().setBatchId(6)
                .addArrowPayloads(ArrowPayload.newBuilder().setSchemaId("0").setType(ArrowPayloadType.LOGS)
                        .setRecord(ByteString.copyFrom(HostileIpc.zstdBufferDeclaring(5 << 20))))
                .build());
        BatchStatus status = stream.nextStatus();
        assertStatus(status, 6, StatusCode.INVALID_ARGUMENT);
        assertTrue(status.getStatusMessage().contains("limit of " + (4 << 20) + " bytes of Arrow memory"),
                status.getStatusMessage());
        assertEquals(Status.Code.INVALID_ARGUMENT, stream.end().getCode());
        assertEquals(0, logs.rows(Table.LOGS));
    }

    /**
     * gRPC itself refuses a frame over the limit before any of it is buffered; on an open stream
     * (headers already sent) it resets the stream, so the client sees CANCELLED, not a BatchStatus.
     */
    @Test
    void aMessageOverMaxBodyBytesEndsTheStreamAndTheServerServesOn() throws Exception {
        ArrowStreamClient stream = logsStream(TOKEN);
        stream.send(BatchArrowRecords.newBuilder().setBatchId(9)
                .addArrowPayloads(ArrowPayload.newBuilder().setSchemaId("0").setType(ArrowPayloadType.LOGS)
                        .setRecord(ByteString.copyFrom(new byte[2 << 20])))
                .build());
        Status end = stream.end();
        assertTrue(end.getCode() == Status.Code.CANCELLED || end.getCode() == Status.Code.RESOURCE_EXHAUSTED,
                end.toString());
        assertEquals(0, logs.rows(Table.LOGS));

        ArrowStreamClient next = logsStream(TOKEN);
        next.send(batch("logs-initial.bar", 10));
        assertStatus(next.nextStatus(), 10, StatusCode.OK);
        next.finish();
        assertEquals(Status.Code.OK, next.end().getCode());
    }

    @Test
    void decoderStateNeverCrossesStreams() throws Exception {
        ArrowStreamClient first = logsStream(TOKEN);
        first.send(batch("logs-initial.bar", 1));
        assertStatus(first.nextStatus(), 1, StatusCode.OK);

        ArrowStreamClient second = logsStream(TOKEN);
        second.send(batch("logs-reuse.bar", 2));
        assertStatus(second.nextStatus(), 2, StatusCode.INVALID_ARGUMENT);
        assertEquals(Status.Code.INVALID_ARGUMENT, second.end().getCode());
        first.finish();
        assertEquals(Status.Code.OK, first.end().getCode());
    }

    @Test
    void refusedAdmissionIsNackedResourceExhaustedAndTheStreamStaysOpen() throws Exception {
        ArrowStreamClient stream = logsStream(TOKEN);
        logs.refuseAdmission(true);
        stream.send(batch("logs-initial.bar", 11));
        BatchStatus refused = stream.nextStatus();
        assertStatus(refused, 11, StatusCode.RESOURCE_EXHAUSTED);
        assertEquals("buffer full", refused.getStatusMessage());

        logs.refuseAdmission(false);
        stream.send(batch("logs-initial.bar", 12));
        assertStatus(stream.nextStatus(), 12, StatusCode.OK);
        stream.finish();
        assertEquals(Status.Code.OK, stream.end().getCode());
        assertEquals(8, logs.rows(Table.LOGS));
    }

    @Test
    void aStreamWithoutAValidTokenIsRefused() throws Exception {
        ArrowStreamClient stream = logsStream("wrong");
        stream.send(batch("logs-initial.bar", 1));
        assertEquals(Status.Code.UNAUTHENTICATED, stream.end().getCode());
        assertEquals(0, logs.rows(Table.LOGS));
    }

    @Test
    void zstdArrowMessageCompressionIsAccepted() throws Exception {
        ArrowStreamClient stream = new ArrowStreamClient();
        stream.attach(ArrowLogsServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(apiKey(TOKEN)))
                .withCompression("zstdarrow3")
                .arrowLogs(stream));
        stream.send(batch("logs-initial.bar", 21));
        assertStatus(stream.nextStatus(), 21, StatusCode.OK);
        stream.finish();
        assertEquals(Status.Code.OK, stream.end().getCode());
        assertEquals(8, logs.rows(Table.LOGS));
    }

    @Test
    void metricsFanOutOverTheMetricTablesAndSummariesAreReportedAsRejected() throws Exception {
        ArrowStreamClient stream = new ArrowStreamClient();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        stream.attach(ArrowMetricsServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .arrowMetrics(stream));
        stream.send(batch("metrics-initial.bar", 31));
        BatchStatus status = stream.nextStatus();
        assertStatus(status, 31, StatusCode.OK);
        assertTrue(status.getStatusMessage().contains("summary"), status.getStatusMessage());
        stream.finish();
        assertEquals(Status.Code.OK, stream.end().getCode());
        assertTrue(metrics.rows(Table.METRICS_GAUGE) > 0, "gauge rows");
        assertTrue(metrics.rows(Table.METRICS_HISTOGRAM) > 0, "histogram rows");
    }

    private ArrowStreamClient logsStream(String token) {
        ArrowStreamClient stream = new ArrowStreamClient();
        stream.attach(ArrowLogsServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(apiKey(token)))
                .arrowLogs(stream));
        return stream;
    }

    private static Metadata apiKey(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), token);
        return headers;
    }

    private static BatchArrowRecords batch(String file, long batchId) throws Exception {
        Path path = Path.of(System.getProperty("eider.test.data"), "otap", file);
        return BatchArrowRecords.parseFrom(Files.readAllBytes(path)).toBuilder().setBatchId(batchId).build();
    }

    private static void assertStatus(BatchStatus status, long batchId, StatusCode code) {
        assertEquals(batchId, status.getBatchId(), "batch_id of " + status);
        assertEquals(code, status.getStatusCode(), "status of batch " + batchId + ": " + status.getStatusMessage());
    }
}
