package dev.eider.processor.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatchBuilder;
import dev.eider.runtime.table.TableBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttributesProcessorTest {
    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        allocator.close(); // throws if a vector was not freed
    }

    @Test
    void addsTrailingVarcharColumnsFilledFromTheJsonColumns() throws Exception {
        AttributesProcessor processor = processor(List.of("k8s.pod.name", "replicas", "labels", "host.name"),
                List.of("otel.library-kind"));
        TableBatches in = TableBatches.of(List.of(batch(Table.LOGS,
                new String[] {"{\"k8s.pod.name\":\"pod-1\",\"replicas\":3,\"labels\":{\"a\":[1,\"]\"]},\"other\":true}",
                        "{\"otel.library-kind\":\"http\"}"},
                new String[] {"{\"host.name\":\"\\u00fcber \\\"quoted\\\"\",\"replicas\":null}", "{}"},
                new String[] {null, null},
                new String[] {"{\"k8s.pod.name\":\"\"}", "{\"otel.library-kind\":false}"})));

        try (TableBatches out = processor.process(in)) {
            TableBatch logs = out.batches().get(0);
            List<Field> fields = logs.root().getSchema().getFields();
            int base = Table.LOGS.columns().size();
            assertEquals(Table.LOGS.columns().stream().map(Column::name).toList(),
                    fields.subList(0, base).stream().map(Field::getName).toList(), "base columns unchanged and first");
            assertEquals(List.of("resource_attr_k8s_pod_name", "resource_attr_replicas", "resource_attr_labels",
                    "resource_attr_host_name", "scope_attr_otel_library_kind"),
                    fields.subList(base, fields.size()).stream().map(Field::getName).toList());
            fields.subList(base, fields.size()).forEach(f -> assertEquals(ArrowType.Utf8.INSTANCE, f.getType()));

            assertEquals(Arrays.asList("pod-1", null, null, ""), values(logs, "resource_attr_k8s_pod_name"));
            assertEquals(Arrays.asList("3", "null", null, null), values(logs, "resource_attr_replicas"));
            assertEquals(Arrays.asList("{\"a\":[1,\"]\"]}", null, null, null), values(logs, "resource_attr_labels"));
            assertEquals(Arrays.asList(null, "über \"quoted\"", null, null), values(logs, "resource_attr_host_name"));
            assertEquals(Arrays.asList("http", null, null, "false"), values(logs, "scope_attr_otel_library_kind"));
            assertEquals(4, logs.rowCount());
            assertEquals("{}", values(logs, "scope_attributes").get(1), "the JSON column keeps its text");
        }
    }

    @Test
    void everyTableOfTheRequestGetsTheColumns() throws Exception {
        AttributesProcessor processor = processor(List.of("service.version"), List.of());
        List<TableBatch> batches = new ArrayList<>();
        for (Table table : Table.values()) {
            batches.add(batch(table, new String[] {"{\"service.version\":\"1.2\"}", null}));
        }
        try (TableBatches out = processor.process(TableBatches.of(batches))) {
            assertEquals(Table.values().length, out.batches().size());
            for (TableBatch batch : out.batches()) {
                assertEquals(batch.table().columns().size() + 1, batch.root().getFieldVectors().size());
                assertEquals(List.of("1.2"), values(batch, "resource_attr_service_version"));
            }
        }
    }

    @Test
    void malformedJsonLeavesThePromotedColumnsNull() throws Exception {
        AttributesProcessor processor = processor(List.of("a"), List.of());
        TableBatches in = TableBatches.of(List.of(batch(Table.LOGS,
                new String[] {"{\"a\":", null}, new String[] {"{\"a\":\"ok\"}", null})));
        try (TableBatches out = processor.process(in)) {
            assertEquals(Arrays.asList(null, "ok"), values(out.batches().get(0), "resource_attr_a"));
        }
    }

    @Test
    void aColumnTheBatchAlreadyHasIsNotAddedAgain() throws Exception {
        TableBatches in = TableBatches.of(List.of(batch(Table.LOGS, new String[] {"{\"a\":\"1\",\"b\":\"2\"}", null})));
        try (TableBatches once = processor(List.of("a"), List.of()).process(in);
                TableBatches twice = processor(List.of("A", "b"), List.of()).process(once)) {
            List<String> names = twice.batches().get(0).root().getSchema().getFields().stream().map(Field::getName).toList();
            assertEquals(List.of("resource_attr_a", "resource_attr_b"), names.subList(names.size() - 2, names.size()));
            assertEquals(List.of("1"), values(twice.batches().get(0), "resource_attr_a"));
        }
    }

    @Test
    void withoutPromotionTheBatchesPassAsTheyAre() throws Exception {
        TableBatches in = TableBatches.of(List.of(batch(Table.LOGS, new String[] {"{\"a\":1}", null})));
        try (TableBatches out = processor(List.of(), List.of()).process(in)) {
            assertSame(in, out);
        }
    }

    private static AttributesProcessor processor(List<String> resource, List<String> scope) {
        return new AttributesProcessor(new AttributesConfig(resource, scope).columns());
    }

    /** One row per {resource_attributes, scope_attributes} pair; other columns stay NULL. */
    private TableBatch batch(Table table, String[]... rows) {
        try (TableBatchBuilder builder = new TableBatchBuilder(table, allocator)) {
            for (String[] row : rows) {
                builder.startRow();
                builder.setString(table.columnIndex("resource_attributes"), row[0]);
                builder.setString(table.columnIndex("scope_attributes"), row[1]);
            }
            return builder.build();
        }
    }

    private static List<String> values(TableBatch batch, String column) {
        FieldVector vector = batch.root().getVector(column);
        List<String> values = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            values.add(vector.isNull(r) ? null : ((VarCharVector) vector).getObject(r).toString());
        }
        return values;
    }
}
