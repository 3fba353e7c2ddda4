package dev.eider.exporter.parquet;

/** SQL literal spelling shared by the package's statements. */
final class Sql {
    private Sql() {}

    /** A single-quoted SQL string literal. */
    static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
