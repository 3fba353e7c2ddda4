package dev.eider.runtime.seal;

import dev.eider.runtime.pipeline.Admission;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reservation in one {@link PipelineBuffer}. Closing it before it is consumed gives the bytes
 * back; once consumed the buffer releases them when the rows are sealed everywhere, and closing
 * is a no-op.
 */
final class BufferAdmission implements Admission {
    private static final int PENDING = 0;
    private static final int CONSUMED = 1;
    private static final int RELEASED = 2;

    private final PipelineBuffer owner;
    private final long reservedBytes;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    BufferAdmission(PipelineBuffer owner, long reservedBytes) {
        this.owner = owner;
        this.reservedBytes = reservedBytes;
    }

    PipelineBuffer owner() {
        return owner;
    }

    @Override
    public long reservedBytes() {
        return reservedBytes;
    }

    /** Hands the reservation to the buffer; false if it was already closed or consumed. */
    boolean consume() {
        return state.compareAndSet(PENDING, CONSUMED);
    }

    @Override
    public void close() {
        if (state.compareAndSet(PENDING, RELEASED)) {
            owner.releaseUnconsumed(reservedBytes);
        }
    }
}
