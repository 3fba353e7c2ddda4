package dev.eider.receiver.otlp.decode;

import dev.eider.runtime.json.JsonWriter;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatchBuilder;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The resource and scope columns all six tables repeat (service_* lifted from the resource
 * attributes, the attribute JSON, scope name and version). Their values are encoded once per
 * resource and scope and copied into every row under it.
 */
final class ResourceScopeColumns {
    private final int serviceName;
    private final int serviceNamespace;
    private final int serviceInstanceId;
    private final int resourceAttributes;
    private final int scopeName;
    private final int scopeVersion;
    private final int scopeAttributes;

    ResourceScopeColumns(Table table) {
        serviceName = table.columnIndex("service_name");
        serviceNamespace = table.columnIndex("service_namespace");
        serviceInstanceId = table.columnIndex("service_instance_id");
        resourceAttributes = table.columnIndex("resource_attributes");
        scopeName = table.columnIndex("scope_name");
        scopeVersion = table.columnIndex("scope_version");
        scopeAttributes = table.columnIndex("scope_attributes");
    }

    /** Sets the resource and scope columns of the current row. */
    void write(TableBatchBuilder rows, ResourceValues resource, ScopeValues scope) {
        setUtf8(rows, serviceName, resource.serviceName);
        setUtf8(rows, serviceNamespace, resource.serviceNamespace);
        setUtf8(rows, serviceInstanceId, resource.serviceInstanceId);
        setUtf8(rows, resourceAttributes, resource.attributesJson);
        setUtf8(rows, scopeName, scope.name);
        setUtf8(rows, scopeVersion, scope.version);
        setUtf8(rows, scopeAttributes, scope.attributesJson);
    }

    private static void setUtf8(TableBatchBuilder rows, int column, byte[] utf8) {
        if (utf8 != null) {
            rows.setUtf8(column, utf8, 0, utf8.length);
        }
    }

    /** One resource's column values as UTF-8; null is NULL. */
    static final class ResourceValues {
        final byte[] serviceName;
        final byte[] serviceNamespace;
        final byte[] serviceInstanceId;
        final byte[] attributesJson;

        ResourceValues(Resource resource, JsonWriter json) {
            List<KeyValue> attributes = resource.getAttributesList();
            String name = null;
            String namespace = null;
            String instanceId = null;
            for (int i = 0, n = attributes.size(); i < n; i++) {
                KeyValue kv = attributes.get(i);
                if (!kv.getValue().hasStringValue()) {
                    continue;
                }
                switch (kv.getKey()) {
                    case "service.name" -> name = kv.getValue().getStringValue();
                    case "service.namespace" -> namespace = kv.getValue().getStringValue();
                    case "service.instance.id" -> instanceId = kv.getValue().getStringValue();
                    default -> {
                        // only the service.* attributes are lifted into columns
                    }
                }
            }
            serviceName = utf8(name);
            serviceNamespace = utf8(namespace);
            serviceInstanceId = utf8(instanceId);
            attributesJson = utf8(AttributeJson.object(json, attributes));
        }
    }

    /** One instrumentation scope's column values as UTF-8; null is NULL. */
    static final class ScopeValues {
        final byte[] name;
        final byte[] version;
        final byte[] attributesJson;

        ScopeValues(InstrumentationScope scope, JsonWriter json) {
            name = utf8(Rows.text(scope.getName()));
            version = utf8(Rows.text(scope.getVersion()));
            attributesJson = utf8(AttributeJson.object(json, scope.getAttributesList()));
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
