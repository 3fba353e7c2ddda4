package dev.eider.receiver.otlp.http;

import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.TableBatches;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The request rules of one listener, apart from the transport: the header checks in the order
 * of the spec (auth, content type, content encoding, declared size), the probes, and the export
 * itself (decompress, decode, consume), which runs on the worker pool.
 */
final class ExportService {
    private static final System.Logger LOG = System.getLogger(ExportService.class.getName());

    private final String receiverId;
    private final Map<Signal, SignalConsumer> consumers;
    private final OtlpDecoder decoder;
    private final int maxBodyBytes;
    private final Executor workers;
    private final ListenerCounters counters;
    private volatile boolean stopping;

    ExportService(String receiverId, Map<Signal, SignalConsumer> consumers, OtlpDecoder decoder, int maxBodyBytes,
            Executor workers, ListenerCounters counters) {
        this.receiverId = receiverId;
        this.consumers = consumers.isEmpty() ? Map.of() : new EnumMap<>(consumers);
        this.decoder = decoder;
        this.maxBodyBytes = maxBodyBytes;
        this.workers = workers;
        this.counters = counters;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    Executor workers() {
        return workers;
    }

    ListenerCounters counters() {
        return counters;
    }

    boolean stopping() {
        return stopping;
    }

    void markStopping() {
        stopping = true;
    }

    /** The answer of {@code /healthz} or {@code /readyz}. */
    HttpAnswer probe(HttpRoute route) {
        if (route == HttpRoute.READYZ && !consumers.values().stream().allMatch(SignalConsumer::ready)) {
            return HttpAnswer.json(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"degraded\"}");
        }
        return HttpAnswer.json(HttpResponseStatus.OK,
                route == HttpRoute.READYZ ? "{\"status\":\"ready\"}" : "{\"status\":\"ok\"}");
    }

    Optional<SignalConsumer> consumer(Signal signal) {
        return Optional.ofNullable(consumers.get(signal));
    }

    String noPipelineMessage(Signal signal) {
        return "no " + signal.id() + " pipeline receives from receiver " + receiverId;
    }

    /** Checks an export request's headers, before any of its body is read. */
    ExportRequest open(SignalConsumer consumer, HttpRequest request) throws RejectedException {
        long contentLength = HttpUtil.getContentLength(request, -1L);
        consumer.checkRequest(new RequestMetadata(consumer.signal(), headers(request), contentLength));
        ExportRequest export = new ExportRequest(consumer,
                PayloadFormats.of(request.headers().get(HttpHeaderNames.CONTENT_TYPE)),
                ContentEncoding.of(request.headers().get(HttpHeaderNames.CONTENT_ENCODING)));
        if (contentLength > maxBodyBytes) {
            throw tooLarge();
        }
        return export;
    }

    RejectedException tooLarge() {
        return new RejectedException(RejectedException.Reason.TOO_LARGE,
                "body exceeds max_body_bytes (" + maxBodyBytes + " bytes)");
    }

    /**
     * Decompresses, decodes and consumes an admitted body; runs on a worker. Owns the admission:
     * it goes to the consumer with the rows, or is released when the body fails before that.
     */
    HttpAnswer export(ExportRequest request, BoundedBytes wire, Admission admission) {
        boolean handedOver = false;
        try {
            BoundedBytes plain = request.encoding() == ContentEncoding.IDENTITY
                    ? wire
                    : request.encoding().decode(wire.array(), wire.size(), maxBodyBytes);
            Signal signal = request.consumer().signal();
            TableBatches batches = decoder.decode(signal, request.format(), plain.array(), 0, plain.size());
            handedOver = true;
            Accepted accepted = request.consumer().consume(admission, batches);
            counters.rowsAccepted(accepted.rows());
            return ExportAnswers.accepted(signal, request.format(), accepted);
        } catch (RejectedException e) {
            if (e.reason() == RejectedException.Reason.INTERNAL) {
                LOG.log(System.Logger.Level.ERROR, "receiver " + receiverId + ": " + e.getMessage(), e);
            }
            return HttpAnswer.rejected(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "receiver " + receiverId + " failed on a request", e);
            return HttpAnswer.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal",
                    "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (!handedOver) {
                admission.close();
            }
        }
    }

    /** Header names lower-cased (HTTP/2 already sends them so); the first of repeated headers wins. */
    private static Map<String, String> headers(HttpRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
        }
        return headers;
    }
}
