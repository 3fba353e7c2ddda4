package dev.eider.runtime.component;

public interface ExtensionFactory<C> extends ComponentFactory<C> {
    @Override
    default ComponentKind kind() {
        return ComponentKind.EXTENSION;
    }

    default java.util.List<String> endpoints(C config) {
        return java.util.List.of();
    }

    Extension create(ExtensionContext context, C config);
}
