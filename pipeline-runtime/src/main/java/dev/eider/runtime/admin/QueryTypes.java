package dev.eider.runtime.admin;

import java.util.regex.Pattern;

/** What the query API knows about DuckDB's type names (as the answer's {@code columns[].type} spells them). */
public final class QueryTypes {
    private static final Pattern EXACT_NUMBER = Pattern.compile(
            "U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|DECIMAL(\\(\\d+,\\s*\\d+\\))?");
    private static final Pattern FLOATING = Pattern.compile("FLOAT|DOUBLE");

    private QueryTypes() {}

    /** Integers of every width and decimals: exact numbers, written as JSON numbers digit for digit. */
    public static boolean isExactNumber(String duckDbType) {
        return EXACT_NUMBER.matcher(duckDbType).matches();
    }

    public static boolean isFloating(String duckDbType) {
        return FLOATING.matcher(duckDbType).matches();
    }

    /** Shown right-aligned in a text table. */
    public static boolean isNumeric(String duckDbType) {
        return isExactNumber(duckDbType) || isFloating(duckDbType);
    }
}
