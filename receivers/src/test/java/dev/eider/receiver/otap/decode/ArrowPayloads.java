package dev.eider.receiver.otap.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** Arrow IPC bytes of one OTAP payload as a producer sends it: schema, dictionaries, one record batch. */
final class ArrowPayloads {
    private ArrowPayloads() {}

    static byte[] ipc(VectorSchemaRoot root, DictionaryProvider dictionaries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, dictionaries, out)) {
            writer.start();
            writer.writeBatch();
            // taken before close: an OTAP payload carries no end-of-stream marker
            return out.toByteArray();
        }
    }

    /** A later payload of a stream: a delta dictionary batch for {@code dictionaryId}, then a record batch. */
    static byte[] deltaDictionaryThenBatch(long dictionaryId, VectorSchemaRoot added, VectorSchemaRoot batch)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriteChannel channel = new WriteChannel(Channels.newChannel(out));
        try (ArrowRecordBatch values = new VectorUnloader(added).getRecordBatch();
                ArrowDictionaryBatch delta = new ArrowDictionaryBatch(dictionaryId, values, true);
                ArrowRecordBatch records = new VectorUnloader(batch).getRecordBatch()) {
            MessageSerializer.serialize(channel, delta);
            MessageSerializer.serialize(channel, records);
        }
        return out.toByteArray();
    }
}
