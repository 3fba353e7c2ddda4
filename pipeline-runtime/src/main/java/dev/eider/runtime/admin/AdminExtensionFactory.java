package dev.eider.runtime.admin;

import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.ExtensionContext;
import dev.eider.runtime.component.ExtensionFactory;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code admin} extension: the collector's admin API over HTTP (docs/seal-contract.md). */
public final class AdminExtensionFactory implements ExtensionFactory<AdminConfig> {
    public static final String TYPE = "admin";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stability stability() {
        return Stability.BETA;
    }

    @Override
    public AdminConfig bind(ConfigSection section) {
        boolean allowOtherHostname = section.bool("allow_other_hostname", false);
        Endpoint endpoint = Endpoint.read(section, "endpoint", AdminConfig.DEFAULT_ENDPOINT, allowOtherHostname);
        String token = AdminConfig.readToken(section, "token", "omit it to have one generated");
        int queryMaxRows = section.integer("query_max_rows", AdminConfig.DEFAULT_QUERY_MAX_ROWS, 1, 10_000_000);
        Duration queryTimeout = section.duration("query_timeout", AdminConfig.DEFAULT_QUERY_TIMEOUT);
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            section.error("query_timeout", "must be positive");
            queryTimeout = AdminConfig.DEFAULT_QUERY_TIMEOUT;
        }
        Optional<TlsConfig> tls = TlsConfig.read(section);
        return new AdminConfig(endpoint, token, queryMaxRows, queryTimeout, tls, FlightSqlConfig.read(section, endpoint, tls));
    }

    @Override
    public List<String> endpoints(AdminConfig config) {
        List<String> endpoints = new ArrayList<>();
        endpoints.add(config.endpoint().toString());
        config.flightSql().ifPresent(flightSql -> endpoints.add(flightSql.endpoint().toString()));
        return endpoints;
    }

    @Override
    public Extension create(ExtensionContext context, AdminConfig config) {
        return new AdminExtension(context.id(), config);
    }
}
