package dev.eider.runtime.table;

/** One column of a target table: its name and type. */
public record Column(String name, ColumnType type) {}
