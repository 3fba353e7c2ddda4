package dev.eider.distribution;

import dev.eider.runtime.config.CollectorConfig;
import dev.eider.runtime.config.ComponentRegistry;
import dev.eider.runtime.config.ConfigLoader;
import dev.eider.runtime.service.Distribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Where the configuration comes from: the --config files, or the built-in default pipeline. */
final class ConfigSource {
    static final String DEFAULT_CONFIG_RESOURCE = "/dev/eider/distribution/default-config.yaml";

    private ConfigSource() {}

    /** Throws {@link dev.eider.runtime.config.ConfigException} listing every problem. */
    static CollectorConfig load(List<Path> files, Distribution distribution, Function<String, String> env) {
        ComponentRegistry registry = registry(distribution);
        if (files.isEmpty()) {
            return ConfigLoader.load("built-in default config", defaultConfig(), registry, env);
        }
        return ConfigLoader.load(files, registry, env);
    }

    static ComponentRegistry registry(Distribution distribution) {
        return ComponentRegistry.of(distribution.receivers(), distribution.processors(),
                distribution.exporters(), distribution.extensions());
    }

    static String defaultConfig() {
        try (InputStream in = ConfigSource.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
