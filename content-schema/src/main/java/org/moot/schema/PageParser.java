package org.moot.schema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns one file into a {@link Page} and the list of what is wrong with it. Never throws on
 * content: a broken page is still a page, shown with its problems.
 */
public final class PageParser {

    /** A page and the problems found in its own file (cross-file problems come from {@link SiteRules}). */
    public record Parsed(Page page, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** A one-line field (a title, a tag, an author): longer than any real one. */
    static final int MAX_LINE = 1_000;

    private final String path;
    private final FrontMatter fm;
    private final List<Violation> violations = new ArrayList<>();

    private PageParser(String path, FrontMatter fm) {
        this.path = path;
        this.fm = fm;
    }

    /** Parses a file whose path is known to be a page ({@link PageId#fromPath} is present). */
    public static Parsed parse(String path, String text) {
        return parse(PageId.fromPath(path).orElseThrow(() -> new IllegalArgumentException(path + " is not a page")), path, text);
    }

    public static Parsed parse(PageId id, String path, String text) {
        return parse(id, path, text, SourceText.problems(path, text));
    }

    /** Parses a file's bytes as stored: bytes that are not UTF-8 text are a problem of the page, not a surprise. */
    public static Parsed parse(PageId id, String path, byte[] bytes) {
        SourceText.Decoded decoded = SourceText.decode(path, bytes);
        return parse(id, path, decoded.text(), decoded.problems());
    }

    private static Parsed parse(PageId id, String path, String text, List<Violation> textProblems) {
        FrontMatterParser.Split split = FrontMatterParser.split(path, text);
        PageParser parser = new PageParser(path, split.frontMatter());
        parser.violations.addAll(textProblems);
        parser.violations.addAll(split.violations());
        parser.conflictMarkers(text);
        parser.violations.addAll(MarkdownNesting.check(path, split.body(), split.bodyLine()));
        Page page = parser.page(id, split);
        return new Parsed(page, List.copyOf(parser.violations));
    }

    /**
     * A page for a file that could not be read at all, so that it is still listed and shown
     * with its problem instead of taking other pages down with it.
     */
    public static Parsed unreadable(PageId id, String path, String problem) {
        Page page = new Page(id, path, Kind.PAGE, titleFromName(id), Optional.empty(), List.of(), List.of(), List.of(),
                new Details.None(), FrontMatter.EMPTY, "", 1);
        return new Parsed(page, List.of(new Violation(path, 1, problem)));
    }

    /** A half-resolved conflict must not be published: flag the markers a merge leaves. */
    private void conflictMarkers(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("<<<<<<< ") || line.startsWith(">>>>>>> ") || line.equals("=======")
                    && i > 0 && lines.subList(0, i).stream().anyMatch(l -> l.startsWith("<<<<<<< "))) {
                violations.add(new Violation(path, i + 1, "a conflict marker is still here; keep the text you want and remove the markers"));
            }
        }
    }

    private Page page(PageId id, FrontMatterParser.Split split) {
        Kind kind = optionalText("kind").map(k -> Kind.parse(k).orElseGet(() -> {
            problem("kind", "unknown kind '" + k + "'; expected one of " + Arrays.stream(Kind.values())
                    .map(Kind::id).collect(Collectors.joining(", ")));
            return Kind.PAGE;
        })).orElse(Kind.PAGE);
        Optional<String> title = optionalText("title");
        boolean given = fm.get("title") != null && !String.valueOf(fm.get("title")).isBlank();
        if (title.isEmpty() && !fm.isEmpty() && !given) {
            problem("title", "missing required field 'title'");
        }
        return new Page(id, path, kind,
                title.orElseGet(() -> titleFromBody(split.body()).orElseGet(() -> titleFromName(id))),
                optionalText("summary"),
                ids("parents"),
                texts("tags"),
                ids("redirect-from"),
                details(kind),
                fm, split.body(), split.bodyLine());
    }

    /** The kind's own fields, each read as {@link Fields} describes it, then gathered into its record. */
    private Details details(Kind kind) {
        Map<String, Object> read = new java.util.HashMap<>();
        for (Field field : Fields.of(kind)) {
            read.put(field.name(), read(field));
        }
        Values v = new Values(read);
        return switch (kind) {
            case PAPER -> new Details.Paper(v.list("authors"), v.choice("status", Details.PaperStatus.class), v.list("sources"));
            case RESPONSE -> new Details.Response(v.one("responds-to"));
            case SYNTHESIS -> new Details.Synthesis(v.one("theme"), v.list("draws-on"));
            case FACT -> new Details.Fact(v.<String>one("value").orElse(""), v.<String>one("unit").orElse(""), v.one("as-of"),
                    v.list("sources"));
            case ARGUMENT -> new Details.Argument(v.choice("stance", Details.Stance.class), v.one("on"), v.list("also-on"),
                    v.list("sources"));
            case CALL -> new Details.Call(v.choice("wants", Details.Wants.class), v.list("skills"), v.one("time-needed"), v.one("deadline"),
                    v.choice("status", Details.CallStatus.class));
            default -> new Details.None();
        };
    }

    /** The fields of one kind as read: an {@code Optional} for single values, a {@code List} for lists. */
    @SuppressWarnings("unchecked")
    private record Values(Map<String, Object> read) {
        <T> Optional<T> one(String name) {
            return (Optional<T>) read.get(name);
        }

        <T> List<T> list(String name) {
            return (List<T>) read.get(name);
        }

        <E extends Enum<E>> Optional<E> choice(String name, Class<E> type) {
            return this.<String>one(name).map(c -> Enum.valueOf(type, c.toUpperCase(Locale.ROOT)));
        }
    }

    /** One field's value in its shape, with a problem reported for each thing wrong with it. */
    private Object read(Field field) {
        String name = field.name();
        return switch (field.shape()) {
            case LINE -> single(field);
            case FIGURE -> figure(field);
            case DATE -> single(field).flatMap(text -> parseDate(name, name, text));
            case CHOICE -> single(field).flatMap(text -> oneOf(name, text, field.choices()));
            case ID -> single(field).flatMap(text -> id(name, name, text));
            case IDS -> ids(name);
            case TEXTS -> texts(name);
            case SOURCES -> sources(field);
        };
    }

    private Optional<String> single(Field field) {
        return field.whenMissing().map(missing -> required(field.name(), missing)).orElseGet(() -> optionalText(field.name()));
    }

    /** A figure as written ("4.30" stays "4.30"), from a YAML number or text: one line, like any other. */
    private Optional<String> figure(Field field) {
        Object value = fm.get(field.name());
        if (value instanceof List || value instanceof Map) {
            problem(field.name(), "'" + field.name() + "' must be a single figure");
            return Optional.empty();
        }
        return single(field);
    }

    private List<Source> sources(Field field) {
        Object raw = fm.get(field.name());
        if (raw == null) {
            field.whenMissing().ifPresent(missing -> problem(field.name(), missing));
            return List.of();
        }
        if (!(raw instanceof List<?> items) || items.isEmpty()) {
            problem("sources", "'sources' must be a list of {title, url, accessed, type}");
            return List.of();
        }
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> m) {
                out.add(source(i, m));
            } else {
                problem("sources." + i, "each source must have a title and a url");
            }
        }
        return out;
    }

    private Source source(int i, Map<?, ?> m) {
        String key = "sources." + i;
        String n = "source " + (i + 1);
        String title = m.get("title") == null ? "" : String.valueOf(m.get("title")).strip();
        String url = m.get("url") == null ? "" : String.valueOf(m.get("url")).strip();
        if (title.isEmpty()) {
            problem(key, n + " has no 'title'");
        }
        if (!url.matches("(?i)https?://\\S+")) {
            problem(key, n + " needs a 'url' starting with http:// or https://");
        }
        Source.Type type = Source.Type.OTHER;
        if (m.get("type") != null) {
            String t = String.valueOf(m.get("type"));
            type = Source.Type.parse(t).orElse(null);
            if (type == null) {
                problem(key, n + " has unknown type '" + t + "'; expected one of "
                        + Arrays.stream(Source.Type.values()).map(Source.Type::id).collect(Collectors.joining(", ")));
                type = Source.Type.OTHER;
            }
        }
        Optional<LocalDate> accessed = m.get("accessed") == null ? Optional.empty()
                : parseDate(key, "accessed", String.valueOf(m.get("accessed")));
        return new Source(title, url, accessed, type);
    }

    private Optional<String> optionalText(String field) {
        Object value = fm.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof List || value instanceof Map) {
            problem(field, "'" + field + "' must be a single line of text");
            return Optional.empty();
        }
        String text = String.valueOf(value).strip();
        // YAML escapes ("a\0b", "a\nb") can spell what the file itself may not hold.
        Optional<String> notText = SourceText.lineProblem("'" + field + "'", text, MAX_LINE);
        if (notText.isPresent()) {
            problem(field, notText.get());
            return Optional.empty();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A list of text; a single value is read as a list of one, as people often write it. */
    private List<String> texts(String field) {
        Object value = fm.get(field);
        if (value == null) {
            return List.of();
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null || item instanceof List || item instanceof Map) {
                problem(field + "." + i, "'" + field + "' must be a list of text");
            } else {
                String text = String.valueOf(item).strip();
                Optional<String> notText = SourceText.lineProblem("'" + field + "'", text, MAX_LINE);
                if (notText.isPresent()) {
                    problem(field + "." + i, notText.get());
                } else if (!text.isEmpty()) { // a blank item carries nothing
                    out.add(text);
                }
            }
        }
        return out;
    }

    private List<PageId> ids(String field) {
        List<String> texts = texts(field);
        List<PageId> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            id(field + "." + i, field, texts.get(i)).ifPresent(out::add);
        }
        return out;
    }

    /** A single text field that must be present and non-blank. */
    private Optional<String> required(String field, String missing) {
        Optional<String> text = optionalText(field);
        Object raw = fm.get(field);
        if (text.isEmpty() && (raw == null || String.valueOf(raw).isBlank())) { // a value that is wrong has said so already
            problem(field, missing);
        }
        return text;
    }

    private Optional<PageId> id(String lineKey, String field, String text) {
        try {
            PageId id = PageId.of(text);
            if (id.isReserved()) {
                problem(lineKey, "'" + field + "': '" + id + "' is reserved for discussions, settings and private data, not pages");
                return Optional.empty();
            }
            return Optional.of(id);
        } catch (InvalidPageIdException e) {
            problem(lineKey, "'" + field + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<LocalDate> parseDate(String lineKey, String field, String text) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) { // LocalDate also takes +999999999-12-31
            problem(lineKey, "'" + field + "' must be a date written YYYY-MM-DD, not '" + text + "'");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            problem(lineKey, "'" + field + "' must be a date written YYYY-MM-DD, not '" + text + "'");
            return Optional.empty();
        }
    }

    private Optional<String> oneOf(String field, String text, List<String> choices) {
        if (choices.contains(text)) {
            return Optional.of(text);
        }
        problem(field, "'" + field + "' must be one of " + String.join(", ", choices) + ", not '" + text + "'");
        return Optional.empty();
    }

    private void problem(String lineKey, String message) {
        violations.add(new Violation(path, fm.line(lineKey), message));
    }

    private static Optional<String> titleFromBody(String body) {
        return body.lines()
                .filter(line -> line.startsWith("# "))
                .map(line -> line.substring(2).strip())
                .filter(t -> !t.isEmpty())
                .findFirst();
    }

    private static String titleFromName(PageId id) {
        if (id.isHome()) {
            return "Home";
        }
        String name = id.name().replace('-', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
