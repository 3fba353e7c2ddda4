package dev.eider.runtime.admin;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.eider.runtime.component.ExtensionFactory;

/** Contributes the {@code admin} extension to a distribution's extension factories. */
@Module
public abstract class AdminExtensionModule {
    private AdminExtensionModule() {}

    @Provides
    @IntoMap
    @StringKey(AdminExtensionFactory.TYPE)
    static ExtensionFactory<?> admin() {
        return new AdminExtensionFactory();
    }
}
