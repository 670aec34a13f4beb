package org.moot.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.moot.schema.Field.Shape;

/**
 * The front-matter fields of every kind of page, in the order a file is written: the one place
 * that says what a kind holds. To give a kind a field, describe it here and read it in
 * {@link PageParser#details}; the editor, the JSON Schema and search follow.
 */
public final class Fields {

    /** The fields every page has. */
    public static final List<Field> COMMON = List.of(
            field("title", Shape.LINE, "Title", "", "missing required field 'title'"),
            choice("kind", "Kind", "Page when not given.", null, Kind.values()),
            field("summary", Shape.LINE, "Summary", "One line, shown in lists and search.", null),
            field("parents", Shape.IDS, "Further parents", "Page ids, separated by commas: each adds a breadcrumb trail.", null),
            field("tags", Shape.TEXTS, "Tags", "Separated by commas.", null),
            field("redirect-from", Shape.IDS, "Old ids that lead here", "Separated by commas.", null));

    private static final Map<Kind, List<Field>> OWN = own();

    private Fields() {}

    private static Map<Kind, List<Field>> own() {
        Map<Kind, List<Field>> own = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            own.put(kind, List.of());
        }
        own.put(Kind.PAPER, List.of(
                field("authors", Shape.TEXTS, "Authors", "Account names, separated by commas.", null),
                choice("status", "Status", "", null, Details.PaperStatus.values()),
                sources("Sources", null)));
        own.put(Kind.RESPONSE, List.of(
                field("responds-to", Shape.ID, "Responds to", "The id of the paper.",
                        "a response must name the paper it answers in 'responds-to'")));
        own.put(Kind.SYNTHESIS, List.of(
                field("theme", Shape.ID, "Theme", "The id of the topic.", "a synthesis must name its topic in 'theme'"),
                field("draws-on", Shape.IDS, "Draws on", "Ids of responses, separated by commas.", null)));
        own.put(Kind.FACT, List.of(
                field("value", Shape.FIGURE, "Value", "The figure as published, e.g. 4.30.", "a fact must have a 'value'"),
                field("unit", Shape.LINE, "Unit", "", null),
                field("as-of", Shape.DATE, "As of", "The date the figure holds for.",
                        "a fact must say the date it holds for in 'as-of' (YYYY-MM-DD)"),
                sources("Sources", "a fact must list its 'sources'")));
        own.put(Kind.ARGUMENT, List.of(
                choice("stance", "Stance", "", "an argument must have a 'stance': for or against", Details.Stance.values()),
                field("on", Shape.ID, "On", "The id of the page or argument it supports or opposes.",
                        "an argument must name the page or argument it is about in 'on'"),
                field("also-on", Shape.IDS, "Also shown on",
                        "Other pages where the same point applies, comma-separated ids: it is linked there, not copied.", null),
                sources("Sources", null)));
        own.put(Kind.CALL, List.of(
                choice("wants", "Wants", "A paper answers a call by naming it in its parents.",
                        "a call must say what it wants in 'wants': paper or help", Details.Wants.values()),
                field("skills", Shape.TEXTS, "Skills wanted", "For a call for help, separated by commas.", null),
                field("time-needed", Shape.LINE, "Time needed", "For a call for help, e.g. two evenings a month.", null),
                field("deadline", Shape.DATE, "Closes on", "", null),
                choice("status", "Status", "", null, Details.CallStatus.values())));
        return Map.copyOf(own);
    }

    /** The fields of this kind's own, after the common ones. */
    public static List<Field> of(Kind kind) {
        return OWN.get(kind);
    }

    /** Every field of every kind, each name once, in the order a file is written. */
    public static List<Field> all() {
        Map<String, Field> out = new LinkedHashMap<>();
        COMMON.forEach(f -> out.put(f.name(), f));
        for (Kind kind : Kind.values()) {
            of(kind).forEach(f -> out.putIfAbsent(f.name(), f));
        }
        return List.copyOf(out.values());
    }

    /** The names Moot understands; any other field is kept and shown, never dropped. */
    public static Set<String> names() {
        return all().stream().map(Field::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The README's table of the kinds' own fields ({@code FieldsTableTest} holds the README to it). */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| kind | its own fields |\n|---|---|\n");
        for (Kind kind : Kind.values()) {
            if (!of(kind).isEmpty()) {
                out.append("| `").append(kind.id()).append("` | ").append(of(kind).stream().map(Fields::describe)
                        .collect(Collectors.joining("; "))).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String describe(Field f) {
        String choices = f.choices().isEmpty() ? "" : " (" + f.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + ")";
        String help = f.help().isEmpty() ? "" : ": " + Character.toLowerCase(f.help().charAt(0)) + f.help().substring(1, f.help().length() - 1);
        return "`" + f.name() + "`" + choices + (f.required() ? ", required" : "") + help;
    }

    private static Field field(String name, Shape shape, String label, String help, String whenMissing) {
        return new Field(name, shape, label, help, Optional.ofNullable(whenMissing), List.of());
    }

    private static Field sources(String label, String whenMissing) {
        return field("sources", Shape.SOURCES, label, "", whenMissing);
    }

    private static Field choice(String name, String label, String help, String whenMissing, Enum<?>[] values) {
        List<String> choices = new ArrayList<>();
        Arrays.stream(values).forEach(v -> choices.add(v.name().toLowerCase(Locale.ROOT)));
        return new Field(name, Shape.CHOICE, label, help, Optional.ofNullable(whenMissing), choices);
    }
}
