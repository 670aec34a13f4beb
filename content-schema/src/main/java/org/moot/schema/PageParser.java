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

    private Details details(Kind kind) {
        switch (kind) {
            case PAPER:
                return new Details.Paper(texts("authors"),
                        optionalText("status").flatMap(s -> oneOf("status", s, Details.PaperStatus.values())),
                        sources(false));
            case RESPONSE:
                return new Details.Response(requiredId("responds-to", "a response must name the paper it answers in 'responds-to'"));
            case SYNTHESIS:
                return new Details.Synthesis(requiredId("theme", "a synthesis must name its topic in 'theme'"), ids("draws-on"));
            case FACT:
                Object value = fm.get("value");
                if (value == null || value instanceof List || value instanceof Map) {
                    problem("value", value == null ? "a fact must have a 'value'" : "'value' must be a single figure");
                }
                Optional<LocalDate> asOf = required("as-of", "a fact must say the date it holds for in 'as-of' (YYYY-MM-DD)")
                        .flatMap(text -> parseDate("as-of", "as-of", text));
                return new Details.Fact(figure(value), optionalText("unit").orElse(""), asOf, sources(true));
            case ARGUMENT:
                Optional<Details.Stance> stance = required("stance", "an argument must have a 'stance': for or against")
                        .flatMap(s -> oneOf("stance", s, Details.Stance.values()));
                return new Details.Argument(stance,
                        requiredId("on", "an argument must name the page or argument it is about in 'on'"),
                        ids("also-on"), sources(false));
            case CALL:
                return new Details.Call(required("wants", "a call must say what it wants in 'wants': paper or help")
                        .flatMap(w -> oneOf("wants", w, Details.Wants.values())), texts("skills"),
                        optionalText("deadline").flatMap(d -> parseDate("deadline", "deadline", d)),
                        optionalText("status").flatMap(s -> oneOf("status", s, Details.CallStatus.values())));
            default:
                return new Details.None();
        }
    }

    private List<Source> sources(boolean required) {
        Object raw = fm.get("sources");
        if (raw == null) {
            if (required) {
                problem("sources", "a fact must list its 'sources'");
            }
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
                } else {
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

    private Optional<PageId> requiredId(String field, String missing) {
        return required(field, missing).flatMap(text -> id(field, field, text));
    }

    /** A single text field that must be present and non-blank. */
    private Optional<String> required(String field, String missing) {
        Optional<String> text = optionalText(field);
        Object raw = fm.get(field);
        if (text.isEmpty() && !(raw instanceof List || raw instanceof Map)) {
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
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            problem(lineKey, "'" + field + "' must be a date written YYYY-MM-DD, not '" + text + "'");
            return Optional.empty();
        }
    }

    private <E extends Enum<E>> Optional<E> oneOf(String field, String text, E[] values) {
        for (E value : values) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(value);
            }
        }
        problem(field, "'" + field + "' must be one of " + Arrays.stream(values)
                .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", not '" + text + "'");
        return Optional.empty();
    }

    private static String figure(Object value) {
        if (value == null || value instanceof List || value instanceof Map) {
            return "";
        }
        return value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value);
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
