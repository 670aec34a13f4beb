package org.moot.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of front matter, for people's own tools, written from {@link Fields} so that
 * it says what the parser accepts. The published copy, {@code front-matter.schema.json}, is
 * this output ({@code JsonSchemaTest} compares them; {@link #main} rewrites it).
 */
public final class FrontMatterSchema {

    private FrontMatterSchema() {}

    /** Prints the schema: {@code java -cp content-schema/target/classes org.moot.schema.FrontMatterSchema > FILE}. */
    public static void main(String[] args) {
        System.out.print(json());
    }

    public static String json() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://moot.example/schema/front-matter.schema.json");
        schema.put("title", "Moot page front matter");
        schema.put("description", "The YAML front matter of a Moot page. Unknown fields are allowed and kept. Cross-page rules "
                + "(that 'on' names an existing page, that parents form no cycle) need the whole site: run 'moot check'.");
        schema.put("type", "object");
        schema.put("required", List.of("title"));
        schema.put("properties", properties(Fields.COMMON));
        List<Object> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (!Fields.of(kind).isEmpty()) {
                Map<String, Object> then = new LinkedHashMap<>();
                then.put("properties", properties(Fields.of(kind)));
                List<String> required = Fields.of(kind).stream().filter(Field::required).map(Field::name).toList();
                if (!required.isEmpty()) {
                    then.put("required", required);
                }
                kinds.add(Map.of("if", Map.of("properties", Map.of("kind", Map.of("const", kind.id())), "required", List.of("kind")),
                        "then", then));
            }
        }
        schema.put("allOf", kinds);
        schema.put("$defs", definitions());
        StringBuilder out = new StringBuilder();
        write(schema, "", out);
        return out.append('\n').toString();
    }

    private static Map<String, Object> properties(List<Field> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : fields) {
            Map<String, Object> property = new LinkedHashMap<>(new java.util.TreeMap<>(shape(field)));
            property.put("description", field.help().isEmpty() ? field.label() + "." : field.label() + ": " + field.help());
            out.put(field.name(), property);
        }
        return out;
    }

    private static Map<String, Object> shape(Field field) {
        return switch (field.shape()) {
            case LINE -> field.required() ? Map.of("type", "string", "minLength", 1) : Map.of("type", "string");
            case FIGURE -> Map.of("type", List.of("number", "string"));
            case DATE -> Map.of("$ref", "#/$defs/date");
            case CHOICE -> Map.of("enum", field.choices());
            case ID -> Map.of("$ref", "#/$defs/id");
            case IDS -> Map.of("$ref", "#/$defs/ids");
            case TEXTS -> Map.of("$ref", "#/$defs/texts");
            case SOURCES -> Map.of("type", "array", "minItems", 1, "items", Map.of("$ref", "#/$defs/source"));
        };
    }

    private static Map<String, Object> definitions() {
        Map<String, Object> defs = new LinkedHashMap<>();
        defs.put("id", Map.of("type", "string", "maxLength", PageId.MAX_LENGTH,
                "pattern", "^([a-z0-9-]{1," + PageId.MAX_SEGMENT + "})(/[a-z0-9-]{1," + PageId.MAX_SEGMENT + "})*$",
                "description", "A page id: lower-case a-z0-9- segments joined by '/'."));
        defs.put("ids", Map.of("oneOf", List.of(Map.of("$ref", "#/$defs/id"),
                Map.of("type", "array", "items", Map.of("$ref", "#/$defs/id")))));
        defs.put("texts", Map.of("oneOf", List.of(Map.of("type", "string"),
                Map.of("type", "array", "items", Map.of("type", List.of("string", "number", "boolean"))))));
        defs.put("date", Map.of("type", "string", "format", "date", "pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "object");
        source.put("required", List.of("title", "url"));
        source.put("properties", Map.of(
                "title", Map.of("type", "string", "minLength", 1),
                "url", Map.of("type", "string", "pattern", "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$"),
                "accessed", Map.of("$ref", "#/$defs/date"),
                "type", Map.of("enum", Arrays.stream(Source.Type.values()).map(Source.Type::id).toList())));
        defs.put("source", source);
        return defs;
    }

    /** JSON, two spaces a level; keys of {@code Map.of} maps sorted, so the output is the same on every run. */
    private static void write(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (!(map instanceof LinkedHashMap)) {
                entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            }
            out.append("{");
            String inner = indent + "  ";
            for (int i = 0; i < entries.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n").append(inner);
                string(String.valueOf(entries.get(i).getKey()), out);
                out.append(": ");
                write(entries.get(i).getValue(), inner, out);
            }
            out.append("\n").append(indent).append("}");
        } else if (value instanceof List<?> list) {
            boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            out.append("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",").append(flat ? (i == 0 ? "" : " ") : "\n" + indent + "  ");
                write(list.get(i), indent + "  ", out);
            }
            out.append(flat || list.isEmpty() ? "]" : "\n" + indent + "]");
        } else if (value instanceof String s) {
            string(s, out);
        } else {
            out.append(value);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
