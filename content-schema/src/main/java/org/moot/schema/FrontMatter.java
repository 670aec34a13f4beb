package org.moot.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The front matter as written, in file order, with the line each field (and each list item,
 * keyed {@code field.N}, and each key of a mapping, keyed {@code field.key}) starts on, so that every problem can name its line.
 * Values are plain Java: String (decimals too, as written), BigInteger, Boolean, List, Map, or null.
 */
public record FrontMatter(Map<String, Object> fields, Map<String, Integer> lines, int firstLine) {

    /** The fields Moot understands ({@link Fields}); any other field is kept and shown, never dropped. */
    private static final Set<String> KNOWN = Fields.names();

    public static final FrontMatter EMPTY = new FrontMatter(Map.of(), Map.of(), 1);

    public FrontMatter {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        lines = Map.copyOf(lines);
    }

    public Object get(String field) {
        return fields.get(field);
    }

    /** The line a field (or {@code field.N} list item) starts on; the front matter's first line if unknown. */
    public int line(String key) {
        return lines.getOrDefault(key, firstLine);
    }

    /** Fields outside {@link #KNOWN}, in file order. */
    public Map<String, Object> unknown() {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
