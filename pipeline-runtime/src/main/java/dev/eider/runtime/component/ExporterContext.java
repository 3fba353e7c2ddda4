package dev.eider.runtime.component;

import dev.eider.runtime.table.Column;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** What an exporter gets when it is created. */
public interface ExporterContext {
    ComponentId id();

    BufferAllocator allocator();

    /**
     * Columns the processors of the pipelines feeding this exporter add after the base columns
     * (promoted attributes), in order; the exporter's tables need them too.
     */
    default List<Column> extraColumns() {
        return List.of();
    }
}
