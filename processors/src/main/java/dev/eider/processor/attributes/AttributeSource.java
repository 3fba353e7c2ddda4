package dev.eider.processor.attributes;

/** Where a promoted attribute is read from: the JSON column every table has, and the prefix of its columns. */
public enum AttributeSource {
    RESOURCE("resource_attributes", "resource_attr_"),
    SCOPE("scope_attributes", "scope_attr_");

    private final String jsonColumn;
    private final String columnPrefix;

    AttributeSource(String jsonColumn, String columnPrefix) {
        this.jsonColumn = jsonColumn;
        this.columnPrefix = columnPrefix;
    }

    /** The JSON object column the attribute is read from, e.g. {@code resource_attributes}. */
    public String jsonColumn() {
        return jsonColumn;
    }

    /** The promoted column's name for {@code key}: non-alphanumerics (ASCII) become {@code _}. */
    public String columnName(String key) {
        return columnPrefix + key.replaceAll("[^A-Za-z0-9]", "_");
    }
}
