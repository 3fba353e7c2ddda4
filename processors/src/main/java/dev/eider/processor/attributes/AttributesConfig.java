package dev.eider.processor.attributes;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attributes} processor's settings: the attribute keys promoted to their own columns.
 *
 * @param promoteResourceAttributes resource attribute keys, in column order
 * @param promoteScopeAttributes scope attribute keys, in column order (after the resource ones)
 */
public record AttributesConfig(List<String> promoteResourceAttributes, List<String> promoteScopeAttributes) {
    public static final String PROMOTE_RESOURCE_ATTRIBUTES = "promote_resource_attributes";
    public static final String PROMOTE_SCOPE_ATTRIBUTES = "promote_scope_attributes";

    public AttributesConfig {
        promoteResourceAttributes = List.copyOf(promoteResourceAttributes);
        promoteScopeAttributes = List.copyOf(promoteScopeAttributes);
    }

    /** The columns added after the base columns of every table, in order: resource keys, then scope keys. */
    public List<PromotedColumn> columns() {
        List<PromotedColumn> columns = new ArrayList<>();
        promoteResourceAttributes.forEach(k -> columns.add(new PromotedColumn(AttributeSource.RESOURCE, k)));
        promoteScopeAttributes.forEach(k -> columns.add(new PromotedColumn(AttributeSource.SCOPE, k)));
        return List.copyOf(columns);
    }
}
