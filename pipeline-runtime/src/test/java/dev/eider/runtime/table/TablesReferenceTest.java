package dev.eider.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/tables.md lists every column of every table, with its type, in the order of {@link Table}. */
class TablesReferenceTest {
    private static final Pattern HEADING = Pattern.compile("^## (otlp_\\w+)$");
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| ([A-Z\\[\\]]+) \\|");

    @Test
    void everyTableIsDocumentedColumnByColumn() throws Exception {
        Map<String, List<String>> documented = documentedColumns();
        Map<String, List<String>> defined = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            defined.put(table.tableName(), table.columns().stream()
                    .map(c -> c.name() + " " + c.type().sqlType()).toList());
        }
        assertEquals(defined, documented);
    }

    private static Map<String, List<String>> documentedColumns() throws Exception {
        Path page = Path.of(System.getProperty("eider.project.dir"), "docs", "tables.md");
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(page)) {
            Matcher heading = HEADING.matcher(line);
            Matcher row = ROW.matcher(line);
            if (heading.matches()) {
                current = new ArrayList<>();
                tables.put(heading.group(1), current);
            } else if (line.startsWith("## ")) {
                current = null;
            } else if (current != null && row.find()) {
                current.add(row.group(1) + " " + row.group(2));
            }
        }
        return tables;
    }
}
