package dev.eider.processor.attributes;

import dev.eider.runtime.component.ColumnPromotingProcessor;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.ColumnType;
import dev.eider.runtime.table.TableBatch;
import dev.eider.runtime.table.TableBatches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Adds one VARCHAR column per promoted attribute after the base columns of every batch, filled
 * from the row's {@code resource_attributes} / {@code scope_attributes} JSON: a string value as
 * is, any other value as its JSON text, NULL when the key is absent (or the JSON column is NULL).
 * The JSON columns are left untouched and keep every key.
 */
public final class AttributesProcessor implements ColumnPromotingProcessor {
    private static final System.Logger LOG = System.getLogger(AttributesProcessor.class.getName());

    private final List<PromotedColumn> columns;
    private final Map<AttributeSource, Set<String>> keysBySource = new EnumMap<>(AttributeSource.class);

    public AttributesProcessor(List<PromotedColumn> columns) {
        this.columns = List.copyOf(columns);
        for (AttributeSource source : AttributeSource.values()) {
            keysBySource.put(source, this.columns.stream().filter(c -> c.source() == source)
                    .map(PromotedColumn::attributeKey).collect(Collectors.toUnmodifiableSet()));
        }
    }

    /** The VARCHAR columns this processor adds, in order; exporters add them to their tables. */
    @Override
    public List<Column> addedColumns() {
        return columns.stream().map(c -> new Column(c.columnName(), ColumnType.VARCHAR)).toList();
    }

    @Override
    public TableBatches process(TableBatches batches) throws RejectedException {
        if (columns.isEmpty()) {
            return batches;
        }
        List<List<VarCharVector>> added = new ArrayList<>();
        try {
            for (TableBatch batch : batches.batches()) {
                added.add(promote(batch));
            }
        } catch (RuntimeException e) {
            added.forEach(vectors -> vectors.forEach(VarCharVector::close));
            throw e;
        }
        List<TableBatch> widened = new ArrayList<>(batches.batches().size());
        for (int i = 0; i < batches.batches().size(); i++) {
            widened.add(widen(batches.batches().get(i), added.get(i)));
        }
        return batches.withBatches(widened);
    }

    /** The filled promoted vectors of one batch (the batch itself is not changed yet). */
    private List<VarCharVector> promote(TableBatch batch) {
        VectorSchemaRoot root = batch.root();
        BufferAllocator allocator = root.getFieldVectors().get(0).getAllocator();
        int rows = batch.rowCount();
        Map<AttributeSource, List<Map<String, String>>> values = new EnumMap<>(AttributeSource.class);
        for (AttributeSource source : AttributeSource.values()) {
            if (!keysBySource.get(source).isEmpty()) {
                values.put(source, rowValues(batch, source));
            }
        }
        List<VarCharVector> vectors = new ArrayList<>(columns.size());
        try {
            for (PromotedColumn column : absentFrom(root)) {
                VarCharVector vector = new VarCharVector(column.columnName(), allocator);
                vectors.add(vector);
                vector.allocateNew(rows);
                List<Map<String, String>> perRow = values.get(column.source());
                for (int r = 0; r < rows; r++) {
                    String value = perRow.get(r).get(column.attributeKey());
                    if (value != null) {
                        vector.setSafe(r, value.getBytes(StandardCharsets.UTF_8));
                    }
                }
                vector.setValueCount(rows);
            }
        } catch (RuntimeException e) {
            vectors.forEach(VarCharVector::close);
            throw e;
        }
        return vectors;
    }

    /**
     * The columns the batch does not have yet. A second {@code attributes} processor in the
     * pipeline promoting the same key adds nothing: a repeated column would fail every seal.
     */
    private List<PromotedColumn> absentFrom(VectorSchemaRoot root) {
        Set<String> present = root.getSchema().getFields().stream()
                .map(f -> f.getName().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return columns.stream().filter(c -> !present.contains(c.columnName().toLowerCase(Locale.ROOT))).toList();
    }

    /** Per row, the wanted keys' values found in the source's JSON column. */
    private List<Map<String, String>> rowValues(TableBatch batch, AttributeSource source) {
        VarCharVector json = (VarCharVector) batch.root().getVector(source.jsonColumn());
        Set<String> keys = keysBySource.get(source);
        List<Map<String, String>> perRow = new ArrayList<>(batch.rowCount());
        for (int r = 0; r < batch.rowCount(); r++) {
            if (json.isNull(r)) {
                perRow.add(Map.of());
                continue;
            }
            String text = new String(json.get(r), StandardCharsets.UTF_8);
            try {
                perRow.add(JsonObjectFields.extract(text, keys));
            } catch (IllegalArgumentException e) {
                // The decoders write this JSON, so this is a bug there; the row keeps its JSON column.
                LOG.log(System.Logger.Level.WARNING, "{0} of a {1} row is {2}; its promoted columns stay NULL",
                        source.jsonColumn(), batch.table().tableName(), e.getMessage());
                perRow.add(Map.of());
            }
        }
        return perRow;
    }

    /** The batch with the promoted vectors after its own; takes over the batch's vectors. */
    private static TableBatch widen(TableBatch batch, List<VarCharVector> promoted) {
        List<FieldVector> vectors = new ArrayList<>(batch.root().getFieldVectors());
        vectors.addAll(promoted);
        VectorSchemaRoot widened = new VectorSchemaRoot(vectors);
        widened.setRowCount(batch.rowCount());
        return new TableBatch(batch.table(), widened);
    }
}
