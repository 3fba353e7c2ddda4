package dev.eider.runtime.component;

import dev.eider.runtime.table.Column;
import java.util.List;

/**
 * A processor that adds columns after the base columns of every table. The collector hands the
 * columns to the exporters its pipeline feeds ({@link ExporterContext#extraColumns()}), so they
 * can add them to their tables before the first seal.
 */
public interface ColumnPromotingProcessor extends Processor {
    /** The columns this processor adds, in order. */
    List<Column> addedColumns();
}
