package dev.eider.runtime.admin;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement to run read-only, with the values of its {@code ?} / {@code $n} parameters
 * in order (none for {@code POST /v1/query}; a Flight SQL prepared statement binds them).
 */
record QueryStatement(String sql, List<Object> parameters) {
    QueryStatement {
        Objects.requireNonNull(sql, "sql");
        // Null is a parameter value (SQL NULL), so no List.copyOf.
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    static QueryStatement of(String sql) {
        return new QueryStatement(sql, List.of());
    }

    /** Binds the parameters to {@code statement}, which DuckDB prepared from {@link #sql()}. */
    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
