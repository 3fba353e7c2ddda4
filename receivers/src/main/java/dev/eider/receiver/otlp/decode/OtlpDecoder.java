package dev.eider.receiver.otlp.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/** Decodes OTLP export request bodies straight into table batches. Thread-safe. */
public final class OtlpDecoder {
    private final BufferAllocator allocator;
    private final OtlpJsonReader jsonReader = new OtlpJsonReader();

    public OtlpDecoder(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Decodes one request body. Throws BAD_DATA with a message naming the problem when the body
     * does not parse, and OVERLOADED when the allocator runs out of memory partway; nothing is
     * kept in either case.
     */
    public TableBatches decode(Signal signal, PayloadFormat format, byte[] body, int offset, int length)
            throws RejectedException {
        try (SignalRowWriter<?> writer = writerFor(signal)) {
            switch (format) {
                case PROTOBUF -> writer.write(parseProtobuf(writer, signal, body, offset, length));
                case JSON -> writer.write(parseJson(writer, signal, body, offset, length));
                case NDJSON -> writeLines(writer, signal, body, offset, length);
            }
            return writer.finish();
        } catch (MalformedPayloadException e) {
            throw new RejectedException(RejectedException.Reason.BAD_DATA, e.getMessage());
        } catch (OutOfMemoryException e) {
            // the writer has freed its builders by now; memory is short, not the body bad: retry later
            throw RejectedException.overloaded("not enough Arrow memory to decode this " + signal.id()
                    + " request (limit " + allocator.getLimit() + " bytes); retry later", null);
        }
    }

    private SignalRowWriter<?> writerFor(Signal signal) {
        return switch (signal) {
            case LOGS -> new LogsRowWriter(allocator);
            case TRACES -> new TracesRowWriter(allocator);
            case METRICS -> new MetricsRowWriter(allocator);
        };
    }

    private static Message parseProtobuf(SignalRowWriter<?> writer, Signal signal, byte[] body, int offset, int length)
            throws MalformedPayloadException {
        try {
            return writer.parseProtobuf(body, offset, length);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedPayloadException("invalid OTLP/protobuf " + signal.id() + " request: " + e.getMessage());
        }
    }

    private Message parseJson(SignalRowWriter<?> writer, Signal signal, byte[] body, int offset, int length)
            throws MalformedPayloadException {
        Message.Builder request = writer.newRequest();
        try {
            jsonReader.read(body, offset, length, request);
        } catch (MalformedPayloadException e) {
            throw new MalformedPayloadException("invalid OTLP/JSON " + signal.id() + " request: " + e.getMessage());
        }
        return request.build();
    }

    /** One export request per non-blank line, all into the same batches. */
    private void writeLines(SignalRowWriter<?> writer, Signal signal, byte[] body, int offset, int length)
            throws MalformedPayloadException {
        int end = offset + length;
        int lineNumber = 0;
        for (int start = offset; start < end; ) {
            int newline = start;
            while (newline < end && body[newline] != '\n') {
                newline++;
            }
            lineNumber++;
            if (!isBlank(body, start, newline)) {
                try {
                    writer.write(parseJson(writer, signal, body, start, newline - start));
                } catch (MalformedPayloadException e) {
                    throw new MalformedPayloadException("NDJSON line " + lineNumber + ": " + e.getMessage());
                }
            }
            start = newline + 1;
        }
    }

    private static boolean isBlank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
