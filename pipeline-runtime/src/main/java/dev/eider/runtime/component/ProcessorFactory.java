package dev.eider.runtime.component;

public interface ProcessorFactory<C> extends ComponentFactory<C> {
    @Override
    default ComponentKind kind() {
        return ComponentKind.PROCESSOR;
    }

    /**
     * True for the factory whose processors implement {@link BufferingProcessor}; validation
     * requires such a processor to come last in a pipeline.
     */
    default boolean createsBuffer() {
        return false;
    }

    /** Called once per pipeline that lists the processor: processors are not shared. */
    Processor create(ProcessorContext context, C config);
}
