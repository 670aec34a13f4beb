package org.moot.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Splits a file into front matter and body and reads the front matter as YAML 1.2.
 *
 * <p>Loading is safe by construction: we compose YAML nodes and convert them ourselves to
 * plain values, so no type is ever instantiated from a tag. Size, aliases and nesting are
 * bounded so that a hostile file pushed by anyone cannot exhaust the server.
 */
public final class FrontMatterParser {

    static final int MAX_FRONT_MATTER_CHARS = 64 * 1024;
    static final int MAX_DEPTH = 16;
    static final int MAX_NODES = 10_000;

    /** The parts of a file; {@code frontMatter} is empty when the file has none. */
    public record Split(FrontMatter frontMatter, String body, int bodyLine, List<Violation> violations) {}

    private FrontMatterParser() {}

    public static Split split(String path, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return new Split(FrontMatter.EMPTY, text, 1, List.of());
        }
        int close = closingLine(lines);
        if (close < 0) {
            return new Split(FrontMatter.EMPTY, text, 1, List.of(new Violation(path, 1,
                    "front matter starts with '---' but has no closing '---' line")));
        }
        String yaml = String.join("\n", lines.subList(1, close));
        String body = bodyAfter(text, close + 1);
        int bodyLine = close + 2;
        if (yaml.length() > MAX_FRONT_MATTER_CHARS) {
            return new Split(FrontMatter.EMPTY, body, bodyLine, List.of(new Violation(path, 1,
                    "front matter is larger than " + MAX_FRONT_MATTER_CHARS / 1024 + " KB")));
        }
        List<Violation> violations = new ArrayList<>();
        // The YAML starts on file line 2, after the opening '---'.
        FrontMatter frontMatter = parseYaml(path, yaml, 2, violations);
        return new Split(frontMatter, body, bodyLine, List.copyOf(violations));
    }

    /**
     * A whole YAML file of settings ({@code .moot/roles.yaml}), read as safely and as bounded as
     * front matter, with the line of each field and list item.
     */
    public static Split document(String path, String yaml) {
        if (yaml.length() > MAX_FRONT_MATTER_CHARS) {
            return new Split(FrontMatter.EMPTY, "", 1, List.of(new Violation(path, 1,
                    "the file is larger than " + MAX_FRONT_MATTER_CHARS / 1024 + " KB")));
        }
        List<Violation> violations = new ArrayList<>();
        FrontMatter fields = parseYaml(path, yaml, 1, violations);
        return new Split(fields, "", 1, List.copyOf(violations));
    }

    /** The index of the line that closes front matter opened on line 0 ({@code ---} or {@code ...}); -1 when none does. */
    public static int closingLine(List<String> lines) {
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                return i;
            }
        }
        return -1;
    }

    /** The text after the first {@code skipLines} lines, byte for byte (line endings kept). */
    private static String bodyAfter(String text, int skipLines) {
        int at = 0;
        for (int i = 0; i < skipLines && at >= 0; i++) {
            int nl = text.indexOf('\n', at);
            at = nl < 0 ? -1 : nl + 1;
        }
        return at < 0 ? "" : text.substring(at);
    }

    private static FrontMatter parseYaml(String path, String yaml, int offset, List<Violation> violations) {
        LoadSettings settings = LoadSettings.builder()
                .setMaxAliasesForCollections(20)
                .setCodePointLimit(MAX_FRONT_MATTER_CHARS)
                .setUseMarks(true)
                .build();
        Optional<Node> root;
        try {
            Optional<Violation> tooDeep = tooDeep(path, settings, yaml, offset);
            if (tooDeep.isPresent()) {
                violations.add(tooDeep.get());
                return FrontMatter.EMPTY;
            }
            root = new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(0) + offset;
            violations.add(new Violation(path, line, "front matter is not valid YAML: " + firstLine(e)));
            return FrontMatter.EMPTY;
        } catch (YamlEngineException e) {
            violations.add(new Violation(path, offset, "front matter is not valid YAML: " + firstLine(e)));
            return FrontMatter.EMPTY;
        }
        if (root.isEmpty()) {
            return new FrontMatter(Map.of(), Map.of(), offset);
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            violations.add(new Violation(path, lineOf(root.get(), offset),
                    "front matter must be a set of 'field: value' lines"));
            return FrontMatter.EMPTY;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        Converter converter = new Converter();
        for (NodeTuple tuple : mapping.getValue()) {
            int line = lineOf(tuple.getKeyNode(), offset);
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                violations.add(new Violation(path, line, "a field name must be plain text"));
                continue;
            }
            String key = keyNode.getValue();
            if (fields.containsKey(key)) {
                violations.add(new Violation(path, line, "field '" + key + "' appears twice"));
                continue;
            }
            try {
                fields.put(key, converter.convert(tuple.getValueNode(), 0));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(path, line, "field '" + key + "': " + e.getMessage()));
                continue;
            }
            lines.put(key, line);
            if (tuple.getValueNode() instanceof SequenceNode seq) {
                List<Node> items = seq.getValue();
                for (int i = 0; i < items.size(); i++) {
                    lines.put(key + "." + i, lineOf(items.get(i), offset));
                }
            } else if (tuple.getValueNode() instanceof MappingNode map) {
                map.getValue().forEach(t -> {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        lines.put(key + "." + k.getValue(), lineOf(t.getKeyNode(), offset));
                    }
                });
            }
        }
        return new FrontMatter(fields, lines, offset);
    }

    /** Nesting is refused before the composer, which recurses, sees it ({@link BoundedYaml}). */
    private static Optional<Violation> tooDeep(String path, LoadSettings settings, String yaml, int offset) {
        // The root mapping and a field's value add two levels to what the converter counts.
        return BoundedYaml.tooDeep(settings, yaml, MAX_DEPTH + 2).map(mark -> new Violation(path,
                Optional.ofNullable(mark).map(Mark::getLine).orElse(0) + offset,
                "front matter is nested more than " + MAX_DEPTH + " levels deep"));
    }

    private static int lineOf(Node node, int offset) {
        return node.getStartMark().map(Mark::getLine).orElse(0) + offset;
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Turns nodes into plain values, refusing deep or huge structures (alias bombs, cycles). */
    private static final class Converter {
        private int nodes;

        Object convert(Node node, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("nested more than " + MAX_DEPTH + " levels deep");
            }
            if (++nodes > MAX_NODES) {
                throw new IllegalArgumentException("has more than " + MAX_NODES + " values");
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode seq) {
                List<Object> out = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    out.add(convert(item, depth + 1));
                }
                return java.util.Collections.unmodifiableList(out);
            }
            MappingNode mapping = (MappingNode) node;
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                out.put(key, convert(tuple.getValueNode(), depth + 1));
            }
            return java.util.Collections.unmodifiableMap(out);
        }

        private static Object scalar(ScalarNode scalar) {
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            try {
                if (tag.equals(Tag.NULL)) {
                    return null;
                }
                if (tag.equals(Tag.BOOL)) {
                    return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
                }
                if (tag.equals(Tag.INT) && text.length() <= 30) { // longer: kept as written, never a costly number
                    return new java.math.BigInteger(text);
                }
                // A decimal stays as written: "4.30" is shown as "4.30", and "1e999999999" stays eleven
                // characters instead of becoming a billion digits for whoever reads or shows it.
            } catch (NumberFormatException e) {
                return text;
            }
            return text;
        }
    }
}
