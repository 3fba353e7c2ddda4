package dev.eider.benchmarks.load;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;

/**
 * Reads the rejected-record count of an OTLP export response without knowing its signal: every
 * Export*ServiceResponse holds partial_success as field 1, whose field 1 is the rejected count.
 */
final class PartialSuccess {
    private PartialSuccess() {}

    static long rejected(byte[] response) {
        try {
            var in = CodedInputStream.newInstance(response);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == ((1 << 3) | 2)) {
                    var inner = CodedInputStream.newInstance(in.readByteArray());
                    for (int t = inner.readTag(); t != 0; t = inner.readTag()) {
                        if (t == ((1 << 3) | 0)) {
                            return inner.readInt64();
                        }
                        inner.skipField(t);
                    }
                    return 0;
                }
                in.skipField(tag);
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
