package dev.eider.receiver.otap.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/** Reads a BatchArrowRecords' batch_id (field 1) without parsing its payloads. */
final class BatchIds {
    /** Field 1, wire type varint: (1 << 3) | 0. */
    private static final int BATCH_ID_TAG = 1 << 3 | WireFormat.WIRETYPE_VARINT;

    private BatchIds() {}

    /** The batch id, 0 when absent (proto3 default); IOException when the envelope is malformed. */
    static long peek(byte[] message) throws IOException {
        CodedInputStream input = CodedInputStream.newInstance(message);
        long batchId = 0;
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (tag == BATCH_ID_TAG) {
                batchId = input.readInt64();
            } else if (!input.skipField(tag)) {
                break;
            }
        }
        return batchId;
    }
}
