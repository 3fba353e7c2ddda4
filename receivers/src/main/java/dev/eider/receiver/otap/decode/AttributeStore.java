package dev.eider.receiver.otap.decode;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of one *_ATTRS payload grouped by parent id, in payload order. The parent_id
 * column defaults to quasi-delta: a delta while type, key and value repeat the previous row
 * (never for empty, map or slice values), else absolute.
 */
final class AttributeStore {
    static final AttributeStore EMPTY = new AttributeStore(Map.of(), Map.of(), null);

    private final Map<Long, List<KeyValue>> byParent;
    /** The OTLP size of each parent's attributes, charged each time a row takes them. */
    private final Map<Long, Long> sizes;
    private final ExpansionBudget budget;

    private AttributeStore(Map<Long, List<KeyValue>> byParent, Map<Long, Long> sizes, ExpansionBudget budget) {
        this.byParent = byParent;
        this.sizes = sizes;
        this.budget = budget;
    }

    /** The attributes of {@code record}, or {@link #EMPTY} when the payload was not sent. */
    static AttributeStore of(PayloadRecord record) throws OtapDecodeException {
        if (record == null) {
            return EMPTY;
        }
        int rows = record.rowCount();
        Column key = record.required("key");
        AnyValueColumns union = new AnyValueColumns(record, "", true);
        String[] keys = new String[rows];
        AnyValue[] values = new AnyValue[rows];
        int[] types = new int[rows];
        for (int row = 0; row < rows; row++) {
            keys[row] = PayloadRecord.stringOrEmpty(key, row);
            types[row] = union.type(row);
            values[row] = union.value(row);
        }
        long[] parents = IdColumn.decode(record.required("parent_id"), rows, IdColumn.Encoding.QUASI_DELTA,
                (previous, row) -> types[row] == types[previous]
                        && types[row] != AnyValueColumns.EMPTY
                        && types[row] != AnyValueColumns.MAP
                        && types[row] != AnyValueColumns.SLICE
                        && PayloadRecord.present(union.active(types[row]), row)
                        && keys[row].equals(keys[previous])
                        && values[row].equals(values[previous]));
        Map<Long, List<KeyValue>> byParent = new HashMap<>();
        Map<Long, Long> sizes = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            long parent = IdColumn.parent(record, parents, row);
            KeyValue attribute = KeyValue.newBuilder().setKey(keys[row]).setValue(values[row]).build();
            byParent.computeIfAbsent(parent, id -> new ArrayList<>()).add(attribute);
            sizes.merge(parent, (long) attribute.getSerializedSize(), Long::sum);
        }
        return new AttributeStore(byParent, sizes, record.budget());
    }

    /** The attributes of the parent with this id; none for {@link IdColumn#NONE} or an unknown id. */
    List<KeyValue> of(long parentId) throws OtapDecodeException {
        List<KeyValue> attributes = parentId == IdColumn.NONE ? List.of() : byParent.getOrDefault(parentId, List.of());
        if (!attributes.isEmpty()) {
            budget.charge(sizes.get(parentId));
        }
        return attributes;
    }
}
