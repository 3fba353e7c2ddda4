package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dagger.Component;
import dev.eider.runtime.component.ExtensionFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminExtensionModuleTest {
    @Component(modules = AdminExtensionModule.class)
    interface Extensions {
        Map<String, ExtensionFactory<?>> factories();
    }

    @Test
    void contributesTheAdminFactoryUnderItsType() {
        Map<String, ExtensionFactory<?>> factories = DaggerAdminExtensionModuleTest_Extensions.create().factories();
        assertEquals(1, factories.size());
        assertInstanceOf(AdminExtensionFactory.class, factories.get("admin"));
    }
}
