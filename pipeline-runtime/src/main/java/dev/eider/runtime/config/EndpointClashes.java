package dev.eider.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Finds two components that would listen on the same {@code host:port}. Loopback names count as
 * one host, and a wildcard host clashes with every host on its port, as the OS sees it. Two
 * receivers that share the very same address with the same protocol (the otlp receiver's grpc
 * protocol and the otap receiver, on one gRPC server) do not clash; the protocol includes the
 * settings a shared server has once for all (TLS), so those must be the same too.
 */
final class EndpointClashes {
    private static final Set<String> WILDCARD = Set.of("0.0.0.0", "::");

    /** An endpoint some component already claimed; {@code sharedAs} is its shared protocol, or null. */
    private record Claim(String owner, String text, String host, int port, String sharedAs) {}

    private final Problems problems;
    private final List<Claim> claims = new ArrayList<>();

    EndpointClashes(Problems problems) {
        this.problems = problems;
    }

    /** Claims the component's endpoints, reporting those another component claimed first. Port 0 never clashes. */
    void add(String component, Optional<Mark> mark, List<String> endpoints, Map<String, String> shared) {
        List<Claim> own = new ArrayList<>();
        for (String text : endpoints) {
            Endpoint endpoint;
            try {
                endpoint = Endpoint.parse(text);
            } catch (IllegalArgumentException e) {
                continue; // the factory reports malformed endpoints while binding
            }
            if (endpoint.port() == 0) {
                continue;
            }
            Claim claim = new Claim(component, text, endpoint.canonical().host(), endpoint.port(), shared.get(text));
            for (Claim other : claims) {
                if (clash(claim, other)) {
                    problems.error(component, mark, sharedDifferently(claim, other)
                            ? "endpoint " + text + " is shared with " + other.owner() + " (" + other.text()
                                    + "), but they must serve it the same way: " + other.owner() + " serves "
                                    + other.sharedAs() + ", this one " + claim.sharedAs()
                            : "endpoint " + text + " is already used by " + other.owner() + " (" + other.text() + ")");
                    break;
                }
            }
            own.add(claim);
        }
        claims.addAll(own);
    }

    /** Both would share the address, but with different settings (say one with TLS, one without). */
    private static boolean sharedDifferently(Claim a, Claim b) {
        return a.host().equals(b.host()) && a.sharedAs() != null && b.sharedAs() != null;
    }

    private static boolean clash(Claim a, Claim b) {
        if (a.port() != b.port()) {
            return false;
        }
        if (a.host().equals(b.host())) {
            return a.sharedAs() == null || !a.sharedAs().equals(b.sharedAs());
        }
        return WILDCARD.contains(a.host()) || WILDCARD.contains(b.host());
    }
}
