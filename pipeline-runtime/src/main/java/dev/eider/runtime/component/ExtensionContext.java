package dev.eider.runtime.component;

/** What an extension gets when it is created. */
public interface ExtensionContext {
    ComponentId id();
}
