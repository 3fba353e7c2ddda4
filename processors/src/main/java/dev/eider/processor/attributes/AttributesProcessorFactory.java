package dev.eider.processor.attributes;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.component.ProcessorContext;
import dev.eider.runtime.component.ProcessorFactory;
import dev.eider.runtime.config.ConfigSection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Factory of the {@code attributes} processor, which promotes attributes to their own columns. */
public final class AttributesProcessorFactory implements ProcessorFactory<AttributesConfig> {
    public static final String TYPE = "attributes";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AttributesConfig bind(ConfigSection section) {
        List<String> resource = section.stringList(AttributesConfig.PROMOTE_RESOURCE_ATTRIBUTES, List.of());
        List<String> scope = section.stringList(AttributesConfig.PROMOTE_SCOPE_ATTRIBUTES, List.of());
        AttributesConfig config = new AttributesConfig(resource, scope);
        checkColumns(section, config);
        return config;
    }

    @Override
    public Processor create(ProcessorContext context, AttributesConfig config) {
        return new AttributesProcessor(config.columns());
    }

    /** Keys must be non-empty and give distinct columns (DuckDB compares names case-insensitively). */
    private static void checkColumns(ConfigSection section, AttributesConfig config) {
        Map<String, PromotedColumn> byName = new HashMap<>();
        for (PromotedColumn column : config.columns()) {
            String configKey = column.source() == AttributeSource.RESOURCE
                    ? AttributesConfig.PROMOTE_RESOURCE_ATTRIBUTES
                    : AttributesConfig.PROMOTE_SCOPE_ATTRIBUTES;
            if (column.attributeKey().isEmpty()) {
                section.error(configKey, "attribute keys must not be empty");
                continue;
            }
            PromotedColumn clash = byName.putIfAbsent(column.columnName().toLowerCase(Locale.ROOT), column);
            if (clash != null) {
                section.error(configKey, "'" + column.attributeKey() + "' and '" + clash.attributeKey()
                        + "' both become column " + clash.columnName() + "; promote only one of them");
            }
        }
    }
}
