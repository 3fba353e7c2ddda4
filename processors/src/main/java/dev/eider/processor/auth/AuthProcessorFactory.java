package dev.eider.processor.auth;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.config.ConfigSection;

/** The {@code auth} processor: a shared token checked on request headers before any body is read. */
public final class AuthProcessorFactory implements ProcessorFactory<AuthConfig> {
    public static final String TYPE = "auth";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AuthConfig bind(ConfigSection section) {
        return AuthConfig.bind(section);
    }

    @Override
    public Processor create(ProcessorContext context, AuthConfig config) {
        return new AuthProcessor(context.pipelineId(), config);
    }
}
