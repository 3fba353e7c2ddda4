package dev.eider.receiver.otap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.OutOfMemoryException;
import org.junit.jupiter.api.Test;

class StreamMemoryTest {
    @Test
    void aBufferWhoseReferenceWasLostIsFreedWhenTheStreamCloses() {
        StreamMemory memory = new StreamMemory(1 << 20);
        ArrowBuf released = memory.allocator().buffer(64);
        memory.allocator().buffer(128); // never released, as Arrow's reader does on some malformed input
        released.close();
        assertEquals(1, memory.liveAllocations());
        memory.close();
        assertEquals(0, memory.liveAllocations());
    }

    @Test
    void allocationsPastTheLimitFail() {
        try (StreamMemory memory = new StreamMemory(1 << 20)) {
            assertThrows(OutOfMemoryException.class, () -> memory.allocator().buffer(2 << 20));
            assertEquals(0, memory.liveAllocations());
        }
    }
}
