package dev.eider.runtime.service;

import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.ExtensionFactory;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.component.ReceiverFactory;
import java.util.Map;

/**
 * The set of component factories a collector binary ships, keyed by component type. A
 * distribution's Dagger {@code @Component} extends this interface; its modules contribute
 * factories with {@code @IntoMap @StringKey("type")}.
 */
public interface Distribution {
    Map<String, ReceiverFactory<?>> receivers();

    Map<String, ProcessorFactory<?>> processors();

    Map<String, ExporterFactory<?>> exporters();

    Map<String, ExtensionFactory<?>> extensions();
}
