package dev.eider.runtime.admin;

import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.QueryTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;

/**
 * The Flight SQL catalogs: one per exporter that answers queries (the same ones
 * {@code POST /v1/query} reads), named by the exporter's id.
 */
final class FlightSqlCatalogs {
    /** How a client picks a catalog, for the error that asks it to. */
    static final String HOW_TO_CHOOSE = "the catalog (JDBC property catalog=ID, or the call header exporter: ID)";

    record Catalog(String name, QueryTarget target) {}

    private final Host host;

    FlightSqlCatalogs(Host host) {
        this.host = host;
    }

    /** Every catalog, by name. */
    List<Catalog> all() {
        return new TreeMap<>(host.queryTargets()).entrySet().stream()
                .map(entry -> new Catalog(entry.getKey(), entry.getValue())).toList();
    }

    /** The catalogs a metadata request names (exactly), or all when it names none. */
    List<Catalog> matching(Optional<String> name) {
        return name.map(n -> all().stream().filter(c -> c.name().equals(n)).toList()).orElseGet(this::all);
    }

    /** The catalog a call's statements read: the one it asks for, or the only one. */
    Catalog forCall(CallContext context) {
        Optional<String> requested = context.getMiddleware(FlightSqlCatalogSession.KEY).requested();
        Map<String, QueryTarget> targets = host.queryTargets();
        String name;
        try {
            name = QueryRequests.targetId(requested.orElse(null), new TreeMap<>(targets).keySet(), HOW_TO_CHOOSE);
        } catch (IllegalArgumentException e) {
            throw FlightSqlErrors.invalid(e.getMessage());
        }
        if (name == null) {
            throw unknown(requested.get());
        }
        return new Catalog(name, targets.get(name));
    }

    /** The catalog a ticket or a prepared statement was made for. */
    Catalog named(String name) {
        QueryTarget target = host.queryTargets().get(name);
        if (target == null) {
            throw unknown(name);
        }
        return new Catalog(name, target);
    }

    private RuntimeException unknown(String name) {
        return CallStatus.NOT_FOUND.withDescription("no catalog '" + name + "': catalogs are the exporters that"
                + " answer queries (" + String.join(", ", new TreeMap<>(host.queryTargets()).keySet()) + ")")
                .toRuntimeException();
    }
}
