package dev.eider.receiver.otap.decode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;

/**
 * The Arrow buffers a payload's read allocated: message bodies and decompressed buffers. Arrow's
 * reader leaks references to them when loading fails part-way (VectorLoader retains a field's
 * buffers and only releases them after the field loaded; a deserialisation error leaves the body
 * unreleased). A failed read ends the stream, so once the reader is closed every reference
 * still held on these buffers is such a leak and is released.
 */
final class ReadLedgers {
    private final List<ReferenceManager> current = new ArrayList<>();
    private final List<ReferenceManager> failed = new ArrayList<>();

    /** Reads messages like Arrow's own reader, noting each message body. */
    MessageChannelReader messages(ReadChannel in, BufferAllocator allocator) {
        return new MessageChannelReader(in, allocator) {
            @Override
            public MessageResult readNext() throws IOException {
                MessageResult result = super.readNext();
                if (result != null && result.getBodyBuffer() != null) {
                    note(result.getBodyBuffer());
                }
                return result;
            }
        };
    }

    /** Decompresses like {@code codecs}, noting each decompressed buffer. */
    CompressionCodec.Factory codecs(CompressionCodec.Factory codecs) {
        return new CompressionCodec.Factory() {
            @Override
            public CompressionCodec createCodec(CompressionUtil.CodecType type) {
                return noting(codecs.createCodec(type));
            }

            @Override
            public CompressionCodec createCodec(CompressionUtil.CodecType type, int level) {
                return noting(codecs.createCodec(type, level));
            }
        };
    }

    private CompressionCodec noting(CompressionCodec codec) {
        return new CompressionCodec() {
            @Override
            public ArrowBuf compress(BufferAllocator allocator, ArrowBuf uncompressed) {
                return codec.compress(allocator, uncompressed);
            }

            @Override
            public ArrowBuf decompress(BufferAllocator allocator, ArrowBuf compressed) {
                return note(codec.decompress(allocator, compressed));
            }

            @Override
            public CompressionUtil.CodecType getCodecType() {
                return codec.getCodecType();
            }
        };
    }

    private ArrowBuf note(ArrowBuf buffer) {
        if (buffer.getReferenceManager() != ReferenceManager.NO_OP) {
            current.add(buffer.getReferenceManager());
        }
        return buffer;
    }

    /** The payload was read: its buffers now belong to the reader's vectors and dictionaries. */
    void readSucceeded() {
        current.clear();
    }

    /** The payload's read failed: references still held on its buffers after the reader closes are leaks. */
    void readFailed() {
        failed.addAll(current);
        current.clear();
    }

    /** Call after closing the reader. */
    void releaseLeaks() {
        for (ReferenceManager ledger : failed) {
            int held = ledger.getRefCount();
            if (held > 0) {
                ledger.release(held);
            }
        }
        failed.clear();
    }
}
