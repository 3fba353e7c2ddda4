package dev.eider.runtime.component;

import org.apache.arrow.memory.BufferAllocator;

/** What an exporter gets when it is created. */
public interface ExporterContext {
    ComponentId id();

    BufferAllocator allocator();
}
