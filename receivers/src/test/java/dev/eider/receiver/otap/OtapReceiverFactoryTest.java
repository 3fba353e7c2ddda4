package dev.eider.receiver.otap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.TestCertificateAuthority;
import dev.eider.runtime.tls.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtapReceiverFactoryTest {
    private final OtapReceiverFactory factory = new OtapReceiverFactory();

    @Test
    void keysAndDefaults() {
        assertEquals("otap", factory.type());
        assertEquals(Set.of("endpoint", "max_body_bytes", "allow_other_hostname", "tls"), ConfigBinding.knownKeys(factory));
        OtapReceiverConfig config = ConfigBinding.bind(factory, "");
        assertEquals(new Endpoint("localhost", 4317), config.endpoint());
        assertEquals(16 * 1024 * 1024, config.maxBodyBytes());
        assertFalse(config.allowOtherHostname());
        assertEquals(Optional.empty(), config.tls(), "plaintext unless tls is set");
        assertEquals(List.of("localhost:4317"), factory.endpoints(config));
        assertEquals(Map.of("localhost:4317", "grpc"), factory.sharedEndpoints(config));
    }

    @Test
    void bindsEveryKey() {
        OtapReceiverConfig config = ConfigBinding.bind(factory, """
                endpoint: 0.0.0.0:4417
                max_body_bytes: 4MiB
                allow_other_hostname: true
                """);
        assertEquals(new Endpoint("0.0.0.0", 4417), config.endpoint());
        assertEquals(4 * 1024 * 1024, config.maxBodyBytes());
        assertTrue(config.allowOtherHostname());
    }

    @Test
    void theTlsSettingsArePartOfTheSharedEndpoint(@TempDir Path dir) throws Exception {
        TestCertificateAuthority.create("CA").issueServer().write(dir.resolve("s.crt"), dir.resolve("s.key"));
        OtapReceiverConfig config = ConfigBinding.bind(factory, "tls: {cert_file: '%s', key_file: '%s'}"
                .formatted(dir.resolve("s.crt"), dir.resolve("s.key")));
        TlsConfig tls = config.tls().orElseThrow();
        assertEquals(Map.of("localhost:4317", "grpc with " + tls.describe()), factory.sharedEndpoints(config));
    }

    @Test
    void aNonLoopbackHostNeedsAllowOtherHostname() {
        List<String> errors = ConfigBinding.errors(factory, "endpoint: 0.0.0.0:4317");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("allow_other_hostname"), errors.toString());
    }

    @Test
    void badValuesAreReportedByKey() {
        List<String> errors = ConfigBinding.errors(factory, """
                endpoint: nowhere
                max_body_bytes: 0
                """);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("endpoint"), errors.toString());
        assertTrue(errors.get(1).contains("max_body_bytes"), errors.toString());
    }
}
