package dev.eider.runtime.admin;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The open prepared statements, by their random handle. At most {@link #MAX_OPEN} are kept: a
 * client that never closes its statements pushes out its oldest unused ones, so memory stays
 * bounded (at most that many statements of at most 64 KiB each).
 */
final class FlightSqlPreparedStatements {
    static final int MAX_OPEN = 256;
    private static final int HANDLE_BYTES = 16;

    /** One prepared statement: what it reads, its result's and its parameters' schemas, and the bound values. */
    static final class Prepared {
        final String catalog;
        final String sql;
        final Schema dataset;
        final Schema parameters;
        private volatile List<Object> values = List.of();

        Prepared(String catalog, String sql, Schema dataset, Schema parameters) {
            this.catalog = catalog;
            this.sql = sql;
            this.dataset = dataset;
            this.parameters = parameters;
        }

        void bind(List<Object> bound) {
            if (bound.size() != parameters.getFields().size()) {
                throw FlightSqlErrors.invalid("the statement has " + parameters.getFields().size()
                        + " parameters, " + bound.size() + " were bound");
            }
            values = new ArrayList<>(bound);
        }

        QueryStatement statement() {
            if (values.size() != parameters.getFields().size()) {
                throw FlightSqlErrors.invalid("the statement has " + parameters.getFields().size()
                        + " parameters; bind their values (DoPut) before executing it");
            }
            return new QueryStatement(sql, values);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<ByteString, Prepared> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Prepared> eldest) {
            return size() > MAX_OPEN;
        }
    };

    synchronized ByteString add(Prepared statement) {
        byte[] handle = new byte[HANDLE_BYTES];
        random.nextBytes(handle);
        ByteString key = ByteString.copyFrom(handle);
        open.put(key, statement);
        return key;
    }

    synchronized Prepared get(ByteString handle) {
        Prepared statement = open.get(handle);
        if (statement == null) {
            throw CallStatus.NOT_FOUND.withDescription("no open prepared statement with this handle (closed, or"
                    + " pushed out by newer ones: at most " + MAX_OPEN + " stay open)").toRuntimeException();
        }
        return statement;
    }

    synchronized void remove(ByteString handle) {
        open.remove(handle);
    }
}
