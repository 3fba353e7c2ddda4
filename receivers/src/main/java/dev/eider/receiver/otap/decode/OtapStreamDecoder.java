package dev.eider.receiver.otap.decode;

import com.google.protobuf.Message;
import dev.eider.receiver.otap.proto.ArrowPayload;
import dev.eider.receiver.otap.proto.ArrowPayloadType;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.receiver.otlp.decode.PayloadFormat;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decoder of one OTAP gRPC stream: keeps one Arrow IPC stream per payload type (schema and
 * dictionaries carry over between messages; a new schema id starts that type's stream afresh)
 * and turns each BatchArrowRecords into table batches. The payloads are reassembled into the
 * equivalent OTLP export request and written by the OTLP row writers, so both receivers store
 * exactly the same rows. The stream's Arrow state (schemas, dictionaries, the buffers of the message
 * being read, decompressed) lives in its own {@link StreamMemory} with a limit, so neither
 * compressed buffers nor dictionaries growing message by message can take more memory than that,
 * and closing the stream frees all of it. Not thread-safe: one stream's messages arrive one at
 * a time.
 */
public final class OtapStreamDecoder implements AutoCloseable {
    private final Signal signal;
    private final StreamMemory memory;
    private final long maxArrowBytes;
    private final OtlpDecoder rows;
    private final Set<ArrowPayloadType> accepted;
    private final Map<ArrowPayloadType, PayloadStream> streams = new EnumMap<>(ArrowPayloadType.class);

    /**
     * @param signal        the signal of the gRPC service the stream belongs to
     * @param rows          writes the reassembled OTLP request into table batches
     * @param maxArrowBytes the most Arrow memory the stream's state may hold at once, and the most
     *                      OTLP one message may expand to; a message that needs more is refused
     */
    public OtapStreamDecoder(Signal signal, OtlpDecoder rows, long maxArrowBytes) {
        this.signal = signal;
        this.memory = new StreamMemory(maxArrowBytes);
        this.maxArrowBytes = maxArrowBytes;
        this.rows = rows;
        this.accepted = PayloadTypes.of(signal);
    }

    /**
     * Decodes one message. An OtapDecodeException names what is malformed; the stream's state is
     * then undefined and the stream must end.
     */
    public TableBatches decode(BatchArrowRecords batch) throws OtapDecodeException {
        if (batch.getArrowPayloadsCount() == 0) {
            return TableBatches.of(List.of());
        }
        DecodedPayloads payloads = new DecodedPayloads();
        ExpansionBudget budget = new ExpansionBudget(maxArrowBytes);
        for (ArrowPayload payload : batch.getArrowPayloadsList()) {
            ArrowPayloadType type = payload.getType();
            if (!accepted.contains(type)) {
                throw new OtapDecodeException("payload type " + (type == ArrowPayloadType.UNRECOGNIZED
                        ? String.valueOf(payload.getTypeValue()) : type.name()) + " does not belong to " + signal.id());
            }
            payloads.put(type, stream(type, payload.getSchemaId()).read(payload.getRecord().toByteArray(), budget));
        }
        Message request;
        try {
            request = switch (signal) {
                case LOGS -> LogsAssembler.assemble(payloads);
                case TRACES -> TracesAssembler.assemble(payloads);
                case METRICS -> MetricsAssembler.assemble(payloads);
            };
        } catch (RuntimeException e) {
            throw new OtapDecodeException("malformed " + signal.id() + " payloads: " + e, e);
        }
        byte[] otlp = request.toByteArray();
        try {
            return rows.decode(signal, PayloadFormat.PROTOBUF, otlp, 0, otlp.length);
        } catch (RejectedException e) {
            throw new OtapDecodeException(e.getMessage(), e);
        }
    }

    private PayloadStream stream(ArrowPayloadType type, String schemaId) {
        PayloadStream stream = streams.get(type);
        if (stream != null && stream.schemaId().equals(schemaId)) {
            return stream;
        }
        if (stream != null) {
            stream.close();
        }
        PayloadStream started = new PayloadStream(type.name(), schemaId, memory.allocator());
        streams.put(type, started);
        return started;
    }

    /** Frees the Arrow state of every payload stream. */
    @Override
    public void close() {
        streams.values().forEach(PayloadStream::close);
        streams.clear();
        memory.close();
    }
}
