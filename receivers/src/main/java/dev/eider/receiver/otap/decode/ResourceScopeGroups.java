package dev.eider.receiver.otap.decode;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * The {@code resource} and {@code scope} structs of a root payload (LOGS, SPANS,
 * UNIVARIATE_METRICS). Consecutive rows with the same resource id share one resource, and
 * within it consecutive rows with the same scope id share one scope, as the OTAP producer
 * sorts and groups them.
 */
final class ResourceScopeGroups {
    private final long[] resourceIds;
    private final long[] scopeIds;
    private final Column resourceSchemaUrl;
    private final Column resourceDropped;
    private final Column scopeName;
    private final Column scopeVersion;
    private final Column scopeDropped;
    private final Column schemaUrl;
    private final AttributeStore resourceAttributes;
    private final AttributeStore scopeAttributes;

    ResourceScopeGroups(PayloadRecord root, AttributeStore resourceAttributes, AttributeStore scopeAttributes)
            throws OtapDecodeException {
        int rows = root.rowCount();
        resourceIds = IdColumn.delta(root.column("resource.id"), rows);
        scopeIds = IdColumn.delta(root.column("scope.id"), rows);
        resourceSchemaUrl = root.column("resource.schema_url");
        resourceDropped = root.column("resource.dropped_attributes_count");
        scopeName = root.column("scope.name");
        scopeVersion = root.column("scope.version");
        scopeDropped = root.column("scope.dropped_attributes_count");
        schemaUrl = root.column("schema_url");
        this.resourceAttributes = resourceAttributes;
        this.scopeAttributes = scopeAttributes;
    }

    boolean startsResource(int row) {
        return row == 0 || resourceIds[row] != resourceIds[row - 1];
    }

    boolean startsScope(int row) {
        return startsResource(row) || scopeIds[row] != scopeIds[row - 1];
    }

    Resource resource(int row) throws OtapDecodeException {
        return Resource.newBuilder()
                .addAllAttributes(resourceAttributes.of(resourceIds[row]))
                .setDroppedAttributesCount(PayloadRecord.intOrZero(resourceDropped, row))
                .build();
    }

    String resourceSchemaUrl(int row) throws OtapDecodeException {
        return PayloadRecord.stringOrEmpty(resourceSchemaUrl, row);
    }

    InstrumentationScope scope(int row) throws OtapDecodeException {
        return InstrumentationScope.newBuilder()
                .setName(PayloadRecord.stringOrEmpty(scopeName, row))
                .setVersion(PayloadRecord.stringOrEmpty(scopeVersion, row))
                .addAllAttributes(scopeAttributes.of(scopeIds[row]))
                .setDroppedAttributesCount(PayloadRecord.intOrZero(scopeDropped, row))
                .build();
    }

    /** The root's own schema_url, which OTLP keeps on the scope level. */
    String scopeSchemaUrl(int row) throws OtapDecodeException {
        return PayloadRecord.stringOrEmpty(schemaUrl, row);
    }
}
