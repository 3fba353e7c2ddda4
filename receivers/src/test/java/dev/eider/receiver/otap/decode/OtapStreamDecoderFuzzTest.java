package dev.eider.receiver.otap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otlp.decode.OtlpDecoder;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.table.TableBatches;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any sequence of BatchArrowRecords messages on one stream either decodes message by message or
 * ends in an OtapDecodeException: no other exception, no hang, no out-of-memory, and no Arrow
 * memory left once the stream is closed. Several messages per input reach the stateful paths
 * (schemas and dictionaries kept between messages, delta and replacement dictionaries, schema id
 * changes). Seeds: OtapStreamDecoderFuzzTestInputs/decode/ (docs/fuzzing.md describes the layout).
 */
class OtapStreamDecoderFuzzTest {
    /** Far above what a fuzzer-sized stream can legitimately decode to; hitting it is a finding. */
    private static final long ALLOCATOR_LIMIT = 256L << 20;
    /** The stream's own Arrow limit, well below ALLOCATOR_LIMIT: exceeding it must be a clean refusal. */
    private static final long ARROW_LIMIT = 16L << 20;
    private static final Signal[] SIGNALS = {Signal.LOGS, Signal.TRACES, Signal.METRICS};
    /** Bounds the work per input; the seeds use two. */
    private static final int MAX_MESSAGES = 8;

    @FuzzTest
    void decode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Signal signal = SIGNALS[Byte.toUnsignedInt(input[0]) % SIGNALS.length];
        try (RootAllocator allocator = new RootAllocator(ALLOCATOR_LIMIT)) {
            try (OtapStreamDecoder stream = new OtapStreamDecoder(signal, new OtlpDecoder(allocator), ARROW_LIMIT)) {
                for (byte[] message : messages(input)) {
                    try (TableBatches ignored = stream.decode(BatchArrowRecords.parseFrom(message))) {
                        // decoded: the stream goes on with the next message
                    } catch (InvalidProtocolBufferException | OtapDecodeException e) {
                        break; // the receiver ends the stream here
                    }
                }
            }
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        }
    }

    /** The seed layout reaches the stateful paths: both messages of a two-message seed decode to rows. */
    @ParameterizedTest
    @ValueSource(strings = {"logs-initial-then-reuse", "logs-synthetic-delta-dictionary"})
    void bothMessagesOfATwoMessageSeedDecode(String name) throws Exception {
        byte[] seed = Files.readAllBytes(Path.of(getClass().getResource(
                "OtapStreamDecoderFuzzTestInputs/decode/" + name).toURI()));
        List<byte[]> messages = messages(seed);
        assertEquals(2, messages.size());
        try (RootAllocator allocator = new RootAllocator();
                OtapStreamDecoder stream = new OtapStreamDecoder(Signal.LOGS, new OtlpDecoder(allocator), ARROW_LIMIT)) {
            for (byte[] message : messages) {
                try (TableBatches batches = stream.decode(BatchArrowRecords.parseFrom(message))) {
                    assertTrue(batches.rowCount() > 0);
                }
            }
        }
    }

    /**
     * The messages after the signal byte: each is a 4-byte big-endian length and that many bytes;
     * the last takes whatever is left when its length runs past the end.
     */
    static List<byte[]> messages(byte[] input) {
        List<byte[]> messages = new ArrayList<>();
        ByteBuffer rest = ByteBuffer.wrap(input, 1, input.length - 1);
        while (rest.hasRemaining() && messages.size() < MAX_MESSAGES) {
            int length = rest.remaining() >= 4 ? rest.getInt() : rest.remaining();
            int take = length < 0 || length > rest.remaining() ? rest.remaining() : length;
            int from = rest.position();
            messages.add(Arrays.copyOfRange(input, from, from + take));
            rest.position(from + take);
        }
        return messages;
    }
}
