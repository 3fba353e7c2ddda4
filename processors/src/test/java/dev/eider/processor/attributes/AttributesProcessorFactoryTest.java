package dev.eider.processor.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eider.runtime.component.ColumnPromotingProcessor;
import dev.eider.runtime.component.ComponentKind;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.ColumnType;
import dev.eider.runtime.testkit.ConfigBinding;
import dev.eider.runtime.testkit.TestProcessorContext;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributesProcessorFactoryTest {
    private final AttributesProcessorFactory factory = new AttributesProcessorFactory();

    @Test
    void pinsTheTypeKeysAndDefaults() {
        assertEquals("attributes", factory.type());
        assertEquals(ComponentKind.PROCESSOR, factory.kind());
        assertEquals(Set.of("promote_resource_attributes", "promote_scope_attributes"), ConfigBinding.knownKeys(factory));
        assertEquals(new AttributesConfig(List.of(), List.of()), ConfigBinding.bind(factory, ""));
    }

    @Test
    void bindsTheListsIntoColumnsInOrder() {
        AttributesConfig config = ConfigBinding.bind(factory, """
                promote_resource_attributes: [k8s.pod.name, host.name]
                promote_scope_attributes:
                  - otel.scope.kind
                """);
        assertEquals(List.of("resource_attr_k8s_pod_name", "resource_attr_host_name", "scope_attr_otel_scope_kind"),
                config.columns().stream().map(PromotedColumn::columnName).toList());
    }

    @Test
    void theProcessorAnnouncesItsColumnsToTheExporters() {
        AttributesConfig config = ConfigBinding.bind(factory,
                "{promote_resource_attributes: [k8s.pod.name], promote_scope_attributes: [otel.scope.kind]}");
        ColumnPromotingProcessor processor = assertInstanceOf(ColumnPromotingProcessor.class,
                factory.create(TestProcessorContext.of("attributes", "logs"), config));
        assertEquals(List.of(new Column("resource_attr_k8s_pod_name", ColumnType.VARCHAR),
                new Column("scope_attr_otel_scope_kind", ColumnType.VARCHAR)), processor.addedColumns());
    }

    @Test
    void keysThatGiveTheSameColumnAreRejected() {
        assertEquals(List.of("processors::attributes::promote_resource_attributes: 'host_name' and 'host.name'"
                        + " both become column resource_attr_host_name; promote only one of them",
                        "processors::attributes::promote_scope_attributes: 'Kind' and 'kind'"
                        + " both become column scope_attr_kind; promote only one of them"),
                ConfigBinding.errors(factory, """
                        promote_resource_attributes: [host.name, host_name]
                        promote_scope_attributes: [kind, Kind]
                        """));
    }

    @Test
    void badValuesAreNamed() {
        assertEquals(List.of("processors::attributes::promote_scope_attributes: attribute keys must not be empty"),
                ConfigBinding.errors(factory, "promote_scope_attributes: ['']"));
        assertEquals(1, ConfigBinding.errors(factory, "promote_resource_attributes: {a: b}").size());
    }
}
