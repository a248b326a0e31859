package dev.herald.core.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, unmodifiable copies of JSON values held as plain Java objects. */
final class JsonValues {

    private JsonValues() {}

    /**
     * An unmodifiable deep copy of a JSON value: maps keep their key order and, like lists, may hold
     * nulls (JSON {@code null}), which {@link Map#copyOf} and {@link List#copyOf} would refuse.
     *
     * @throws IllegalArgumentException for anything that is not a JSON value
     */
    static Object freeze(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings");
                }
                copy.put(key, freeze(entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(freeze(element));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName());
    }
}
