package dev.eider.receiver.otap.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
}
