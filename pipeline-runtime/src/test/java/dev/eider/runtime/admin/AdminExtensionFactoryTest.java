package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Stability;
import dev.eider.runtime.config.ComponentBinding;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.ConfigBinding;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminExtensionFactoryTest {
    private final AdminExtensionFactory factory = new AdminExtensionFactory();

    @Test
    void describesItself() {
        assertEquals("admin", factory.type());
        assertEquals(ComponentKind.EXTENSION, factory.kind());
        assertEquals(Stability.BETA, factory.stability());
    }

    @Test
    void defaultsToLoopbackPortAndAGeneratedToken() {
        AdminConfig config = ConfigBinding.bind(factory, "");
        assertEquals(new Endpoint("localhost", 13133), config.endpoint());
        assertNull(config.token());
        assertEquals(List.of("localhost:13133"), factory.endpoints(config));
    }

    @Test
    void bindsEndpointAndToken() {
        AdminConfig config = ConfigBinding.bind(factory, "{endpoint: '127.0.0.1:0', token: 0123456789abcdef}");
        assertEquals(new Endpoint("127.0.0.1", 0), config.endpoint());
        assertEquals("0123456789abcdef", config.token());
    }

    @Test
    void refusesANonLoopbackHostUnlessAllowed() {
        List<String> refused = ConfigBinding.errors(factory, "endpoint: '0.0.0.0:13133'");
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).startsWith("extensions::admin::endpoint: host '0.0.0.0' is not loopback"),
                refused.toString());

        AdminConfig allowed = ConfigBinding.bind(factory, "{endpoint: '0.0.0.0:13133', allow_other_hostname: true}");
        assertEquals(new Endpoint("0.0.0.0", 13133), allowed.endpoint());
    }

    @Test
    void reportsAMalformedEndpoint() {
        assertEquals(List.of("extensions::admin::endpoint: endpoint 'localhost' must be host:port"),
                ConfigBinding.errors(factory, "endpoint: localhost"));
    }

    @Test
    void refusesAShortToken() {
        assertEquals(List.of("extensions::admin::token: must be at least 16 characters (omit it to have one generated)"),
                ConfigBinding.errors(factory, "token: 'fifteen-chars!!'"));
        assertNull(ComponentBinding.bind(factory, "token: 'fifteen-chars!!'", name -> null).config().token());
    }

    @Test
    void bindsTheQueryLimitsWithTheirDefaults() {
        assertEquals(Set.of("endpoint", "token", "allow_other_hostname", "query_max_rows", "query_timeout", "tls",
                        "flight_sql"),
                ConfigBinding.knownKeys(factory));
        AdminConfig defaults = ConfigBinding.bind(factory, "{}");
        assertEquals(10_000, defaults.queryMaxRows());
        assertEquals(Duration.ofSeconds(30), defaults.queryTimeout());
        AdminConfig set = ConfigBinding.bind(factory, "{query_max_rows: 50, query_timeout: 1500ms}");
        assertEquals(50, set.queryMaxRows());
        assertEquals(Duration.ofMillis(1500), set.queryTimeout());
    }

    @Test
    void refusesQueryLimitsThatAllowNothing() {
        List<String> errors = ConfigBinding.errors(factory, "{query_max_rows: 0, query_timeout: 0s}");
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("query_max_rows"), errors.toString());
        assertTrue(errors.get(1).contains("query_timeout") && errors.get(1).contains("must be positive"),
                errors.toString());
    }

    @Test
    void flightSqlIsOffUntilItsKeyIsPresentThenListensOnItsOwnLoopbackPort() {
        AdminConfig off = ConfigBinding.bind(factory, "{}");
        assertTrue(off.flightSql().isEmpty());
        assertEquals(List.of("localhost:13133"), factory.endpoints(off));

        AdminConfig on = ConfigBinding.bind(factory, "flight_sql:");
        FlightSqlConfig flightSql = on.flightSql().orElseThrow();
        assertEquals(new Endpoint("localhost", 32010), flightSql.endpoint());
        assertNull(flightSql.token(), "the admin token");
        assertTrue(flightSql.tls().isEmpty());
        assertEquals(List.of("localhost:13133", "localhost:32010"), factory.endpoints(on));

        FlightSqlConfig own = ConfigBinding.bind(factory,
                "flight_sql: {endpoint: '127.0.0.1:0', token: flight-token-0123456789}").flightSql().orElseThrow();
        assertEquals(new Endpoint("127.0.0.1", 0), own.endpoint());
        assertEquals("flight-token-0123456789", own.token());
        assertTrue(!own.toString().contains("flight-token"), own.toString());
    }

    @Test
    void refusesAFlightSqlEndpointThatIsNotLoopbackOrIsTheAdminApisAndAShortToken() {
        List<String> errors = ConfigBinding.errors(factory, "flight_sql: {endpoint: '0.0.0.0:32010', token: short}");
        assertEquals(List.of("extensions::admin::flight_sql::endpoint: host '0.0.0.0' is not loopback; set"
                + " allow_other_hostname: true to listen on it",
                "extensions::admin::flight_sql::token: must be at least 16 characters (omit it to use the admin token)"),
                errors);
        assertEquals(1, ConfigBinding.errors(factory,
                "{endpoint: 'localhost:13133', flight_sql: {endpoint: '127.0.0.1:13133'}}").size());
        assertTrue(ConfigBinding.errors(factory,
                "{endpoint: '0.0.0.0:1', flight_sql: {endpoint: '0.0.0.0:32010', allow_other_hostname: true}}").stream()
                .noneMatch(e -> e.contains("flight_sql")));
    }

    @Test
    void neverPrintsTheConfiguredToken() {
        AdminConfig config = new AdminConfig(new Endpoint("localhost", 1), "0123456789abcdef-secret");
        assertTrue(!config.toString().contains("secret"), config.toString());
    }

    @Test
    void createsTheExtension() {
        AdminConfig config = new AdminConfig(new Endpoint("localhost", 0), null);
        assertInstanceOf(AdminExtension.class, factory.create(() -> ComponentId.of("admin"), config));
    }
}
