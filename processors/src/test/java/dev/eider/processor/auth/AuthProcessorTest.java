package dev.eider.processor.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.TestProcessorContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthProcessorTest {
    private static final String TOKEN = "s3cret-token-0123456789";
    private final AuthProcessorFactory factory = new AuthProcessorFactory();

    private AuthConfig bind(String yaml) {
        return ConfigBinding.bind(factory, yaml);
    }

    private Processor processor(AuthConfig config, String pipeline) {
        return factory.create(TestProcessorContext.of("auth", pipeline), config);
    }

    private static RequestMetadata headers(Map<String, String> headers) {
        return new RequestMetadata(Signal.LOGS, headers, -1);
    }

    @Test
    void acceptsBearerWithAnySchemeCaseAndApiKey() {
        Processor auth = processor(bind("token: " + TOKEN), "logs");
        assertDoesNotThrow(() -> auth.checkRequest(headers(Map.of("authorization", "Bearer " + TOKEN))));
        assertDoesNotThrow(() -> auth.checkRequest(headers(Map.of("authorization", "bEaReR  " + TOKEN))));
        assertDoesNotThrow(() -> auth.checkRequest(headers(Map.of("x-api-key", TOKEN))));
    }

    @Test
    void eachHeaderIsCheckedOnItsOwn() {
        Processor auth = processor(bind("token: " + TOKEN), "logs");
        assertDoesNotThrow(() -> auth.checkRequest(headers(Map.of("authorization", "Bearer wrong", "x-api-key", TOKEN))));
        assertDoesNotThrow(() -> auth.checkRequest(headers(Map.of("authorization", "Bearer " + TOKEN, "x-api-key", "x"))));
    }

    @Test
    void refusesMissingWrongAndOtherSchemesWithoutLeakingTheToken() {
        Processor auth = processor(bind("token: " + TOKEN), "logs");
        for (Map<String, String> h : List.of(Map.<String, String>of(),
                Map.of("authorization", "Bearer " + TOKEN + "x"),
                Map.of("authorization", "Basic " + TOKEN),
                Map.of("authorization", "Bearer" + TOKEN),
                Map.of("x-api-key", TOKEN.substring(1)))) {
            RejectedException e = assertThrows(RejectedException.class, () -> auth.checkRequest(headers(h)));
            assertEquals(RejectedException.Reason.UNAUTHENTICATED, e.reason());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        }
    }

    @Test
    void generatedTokenIsSharedByEveryPipelineOfTheSameConfig() {
        AuthConfig config = bind("");
        assertTrue(config.tokenGenerated());
        assertTrue(config.token().matches("[0-9a-f]{32}"), config.token());
        Processor logs = processor(config, "logs");
        Processor traces = processor(config, "traces/other");
        RequestMetadata good = headers(Map.of("x-api-key", config.token()));
        assertDoesNotThrow(() -> logs.checkRequest(good));
        assertDoesNotThrow(() -> traces.checkRequest(good));
        assertFalse(config.toString().contains(config.token()));
        assertTrue(!bind("").token().equals(config.token()), "each bind generates a fresh token");
    }

    @Test
    void disabledAuthLetsEverythingThrough() {
        AuthConfig config = bind("disable_auth: true");
        assertNull(config.token());
        assertDoesNotThrow(() -> processor(config, "logs").checkRequest(headers(Map.of())));
    }

    @Test
    void anEmptyTokenFromAnUnsetVariableMeansGenerateOne() {
        AuthConfig config = bind("token: ${env:EIDER_UNSET_TOKEN:-}");
        assertTrue(config.tokenGenerated());
        assertTrue(config.token().matches("[0-9a-f]{32}"), config.token());
    }

    @Test
    void shortTokenIsAConfigError() {
        assertEquals(List.of("processors::auth::token: must be at least 16 characters"),
                ConfigBinding.errors(factory, "token: short"));
    }

    @Test
    void readsOnlyItsKeysAndReportsUnknownOnes() {
        assertEquals(Set.of("token", "disable_auth"), ConfigBinding.knownKeys(factory));
        assertEquals(List.of("processors::auth::tokn: unknown key (accepted: disable_auth, token)"),
                ConfigBinding.errors(factory, "{token: " + TOKEN + ", tokn: x}"));
    }
}
