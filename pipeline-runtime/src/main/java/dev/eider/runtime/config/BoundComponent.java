package dev.eider.runtime.config;

import dev.eider.runtime.component.ComponentFactory;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.ExporterContext;
import dev.eider.runtime.component.ExporterFactory;
import dev.eider.runtime.component.Extension;
import dev.eider.runtime.component.ExtensionContext;
import dev.eider.runtime.component.ExtensionFactory;
import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.component.ReceiverFactory;
import java.util.List;
import java.util.Map;

/**
 * A configured component: its id, its factory and the config record the factory bound. The
 * {@code create*} methods hand the record back to the factory without unchecked casts at the
 * call site; each throws IllegalStateException when the component is of another kind.
 */
public record BoundComponent<C>(ComponentId id, ComponentFactory<C> factory, C config) {

    public Receiver createReceiver(ReceiverContext context) {
        requireKind(ComponentKind.RECEIVER);
        return ((ReceiverFactory<C>) factory).create(context, config);
    }

    public Processor createProcessor(ProcessorContext context) {
        requireKind(ComponentKind.PROCESSOR);
        return ((ProcessorFactory<C>) factory).create(context, config);
    }

    public Exporter createExporter(ExporterContext context) {
        requireKind(ComponentKind.EXPORTER);
        return ((ExporterFactory<C>) factory).create(context, config);
    }

    public Extension createExtension(ExtensionContext context) {
        requireKind(ComponentKind.EXTENSION);
        return ((ExtensionFactory<C>) factory).create(context, config);
    }

    /** The {@code host:port} endpoints a receiver or extension would listen on. */
    List<String> endpoints() {
        switch (factory.kind()) {
            case RECEIVER:
                return ((ReceiverFactory<C>) factory).endpoints(config);
            case EXTENSION:
                return ((ExtensionFactory<C>) factory).endpoints(config);
            default:
                return List.of();
        }
    }

    /** The endpoints among {@link #endpoints()} a receiver shares, with their protocol. */
    Map<String, String> sharedEndpoints() {
        return factory.kind() == ComponentKind.RECEIVER ? ((ReceiverFactory<C>) factory).sharedEndpoints(config) : Map.of();
    }

    private void requireKind(ComponentKind kind) {
        if (factory.kind() != kind) {
            throw new IllegalStateException(id + " is a " + factory.kind().section() + " component, not " + kind.section());
        }
    }
}
