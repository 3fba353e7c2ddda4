package dev.eider.exporter.iceberg;

import dev.eider.exporter.MarkedRows;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.table.Table;

/** {@link MarkedRows} for the iceberg tests; their seals never allow maintenance. */
final class SealRows extends MarkedRows {
    /** The offline extension directory, checked to hold iceberg. */
    static String extensionDirectory() {
        return extensionDirectory("iceberg");
    }

    /** A seal with rows {@code first .. first+count-1} in each of {@code tables}. */
    Seal seal(long sequence, int first, int count, Table... tables) {
        return seal(sequence, false, first, count, tables);
    }
}
