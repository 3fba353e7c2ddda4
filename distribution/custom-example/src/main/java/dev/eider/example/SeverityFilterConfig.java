package dev.eider.example;

/** Log records whose severity_number is below {@code minSeverityNumber} are dropped. */
public record SeverityFilterConfig(int minSeverityNumber) {}
