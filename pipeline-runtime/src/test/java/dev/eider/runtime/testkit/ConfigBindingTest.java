package dev.eider.runtime.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.config.ConfigSection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigBindingTest {
    record SinkConfig(String path, Duration flush, boolean tls, String tlsCa) {}

    /** A component as its authors would write it, outside the runtime's config package. */
    static final class SinkFactory implements ExporterFactory<SinkConfig> {
        @Override
        public String type() {
            return "sink";
        }

        @Override
        public SinkConfig bind(ConfigSection section) {
            String path = section.string("path", "sink.db");
            if (path.isBlank()) {
                section.error("path", "must not be empty");
            }
            ConfigSection tls = section.section("tls");
            return new SinkConfig(path, section.duration("flush", Duration.ofSeconds(1)),
                    section.has("tls"), tls.string("ca_file", null));
        }

        @Override
        public Exporter create(ExporterContext context, SinkConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void bindReturnsTheConfigRecord() {
        assertEquals(new SinkConfig("a.db", Duration.ofMillis(250), true, "ca.pem"),
                ConfigBinding.bind(new SinkFactory(), "path: a.db\nflush: 250ms\ntls: { ca_file: ca.pem }\n"));
        assertEquals(new SinkConfig("sink.db", Duration.ofSeconds(1), false, null), ConfigBinding.bind(new SinkFactory(), ""));
    }

    @Test
    void bindFailsListingEveryError() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConfigBinding.bind(new SinkFactory(), "path: ''\nflsh: 1s\n"));
        assertEquals("""
                binding exporters::sink failed:
                  exporters::sink::path: must not be empty (inline.yaml:1)
                  exporters::sink::flsh: unknown key (accepted: flush, path, tls) (inline.yaml:2)""", e.getMessage());
    }

    @Test
    void errorsArePathAndMessage() {
        assertEquals(List.of("exporters::sink::tls::ca: unknown key (accepted: ca_file)",
                        "exporters::sink::flush: '1 s' is not a duration; write a number with a unit: 250ms, 5s, 15m or 2h"),
                ConfigBinding.errors(new SinkFactory(), "tls:\n  ca: x\nflush: 1 s\n"));
        assertEquals(List.of(), ConfigBinding.errors(new SinkFactory(), "path: b.db"));
    }

    @Test
    void knownKeysPinTheFullKeySet() {
        assertEquals(Set.of("path", "flush", "tls.ca_file"), ConfigBinding.knownKeys(new SinkFactory()));
    }
}
