package dev.eider.processor.attributes;

import java.util.Objects;

/** One promoted attribute: the key read from the source's JSON column and the VARCHAR column it fills. */
public record PromotedColumn(AttributeSource source, String attributeKey) {
    public PromotedColumn {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(attributeKey, "attributeKey");
    }

    /** E.g. {@code resource_attr_k8s_pod_name} for resource attribute {@code k8s.pod.name}. */
    public String columnName() {
        return source.columnName(attributeKey);
    }
}
