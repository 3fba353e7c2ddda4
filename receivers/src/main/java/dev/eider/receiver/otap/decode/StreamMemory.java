package dev.eider.receiver.otap.decode;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The Arrow memory of one OTAP stream: a root allocator of its own, with a limit, that knows
 * every allocation still live. Arrow's reader loses references when loading malformed input
 * fails part-way (a vector re-allocating a buffer too short for its row count, a field's
 * buffers retained before a later one fails), and a lost reference can never be released. No
 * buffer of the stream outlives it (rows are copied into the OTLP request), so whatever is still
 * allocated when the stream closes is such a loss, and its memory is freed then.
 */
final class StreamMemory implements AutoCloseable {
    private static final ArrowBuf EMPTY = new ArrowBuf(ReferenceManager.NO_OP, null, 0, MemoryUtil.allocateMemory(0));

    private final Set<Allocation> live = ConcurrentHashMap.newKeySet();
    private final RootAllocator allocator;

    StreamMemory(long limit) {
        this.allocator = new RootAllocator(RootAllocator.configBuilder()
                .maxAllocation(limit)
                .allocationManagerFactory(new AllocationManager.Factory() {
                    @Override
                    public AllocationManager create(BufferAllocator accounting, long size) {
                        Allocation allocation = new Allocation(accounting, size);
                        live.add(allocation);
                        return allocation;
                    }

                    @Override
                    public ArrowBuf empty() {
                        return EMPTY;
                    }
                })
                .build());
    }

    BufferAllocator allocator() {
        return allocator;
    }

    /** Allocations not yet freed. */
    int liveAllocations() {
        return live.size();
    }

    /** Call once everything of the stream that holds buffers (its readers) is closed. */
    @Override
    public void close() {
        List.copyOf(live).forEach(Allocation::free);
        try {
            allocator.close();
        } catch (IllegalStateException lostReferences) {
            // the accounting of the lost references stays; their memory was freed just above
        }
    }

    private final class Allocation extends AllocationManager {
        private final long size;
        private long address;

        Allocation(BufferAllocator accounting, long size) {
            super(accounting);
            this.size = size;
            this.address = MemoryUtil.allocateMemory(size);
        }

        @Override
        public long getSize() {
            return size;
        }

        @Override
        protected long memoryAddress() {
            return address;
        }

        @Override
        protected void release0() {
            free();
        }

        synchronized void free() {
            if (address != 0) {
                MemoryUtil.freeMemory(address);
                address = 0;
            }
            live.remove(this);
        }
    }
}
