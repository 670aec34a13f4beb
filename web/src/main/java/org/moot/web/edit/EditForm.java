package org.moot.web.edit;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.schema.Field;
import org.moot.schema.Fields;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.Kind;
import org.moot.schema.PageWriter;

/**
 * What the editor shows and sends back: the front-matter fields of every kind as plain text, the
 * body, and the edit's bookkeeping. It turns into the page's file and back without losing any
 * field: fields Moot does not know travel in {@code other} as YAML.
 *
 * @param raw the whole file, when the person edits it as text instead of field by field
 * @param original the front matter as it was written, reused when the fields still say the same,
 *                 so that a change to the text does not reformat the file
 */
public record EditForm(String id, boolean isNew, Map<String, String> fields, List<SourceRow> sources, String other,
                       String body, String raw, String summary, String base, String edit, String original) {

    /** One source of a fact, argument or paper. */
    public record SourceRow(String title, String url, String accessed, String type) {
        boolean isBlank() {
            return title.isBlank() && url.isBlank() && accessed.isBlank();
        }
    }

    /** The fields edited one per input, in file order (sources have their own rows); lists are written comma-separated. */
    static final List<String> TEXT_FIELDS = Fields.all().stream().filter(f -> f.shape() != Field.Shape.SOURCES).map(Field::name).toList();
    static final List<String> LIST_FIELDS = Fields.all().stream().filter(f -> f.shape().isList()).map(Field::name).toList();

    public String field(String name) {
        return fields.getOrDefault(name, "");
    }

    /** The chosen kind's own fields, one input each, as {@link Fields} describes them (sources have their rows). */
    public List<Field> kindFields() {
        return own().stream().filter(f -> f.shape() != Field.Shape.SOURCES).toList();
    }

    /**
     * Fields with a value that the chosen kind does not have (the page was another kind, or its
     * kind was just changed): carried along unseen, so that changing the kind back loses nothing.
     */
    public List<String> carried() {
        List<String> shown = own().stream().map(Field::name).toList();
        return TEXT_FIELDS.stream().filter(n -> !field(n).isEmpty() && !shown.contains(n)
                && Fields.COMMON.stream().noneMatch(f -> f.name().equals(n))).toList();
    }

    public boolean hasSources() {
        return own().stream().anyMatch(f -> f.shape() == Field.Shape.SOURCES);
    }

    private List<Field> own() {
        return Kind.parse(field("kind")).map(Fields::of).orElse(List.of());
    }

    public String kindLabel() {
        return org.moot.web.pages.PageModel.kindLabel(Kind.parse(field("kind")).orElse(Kind.PAGE));
    }

    public boolean rawMode() {
        return !raw.isEmpty();
    }

    /** The form of a file as stored. */
    static EditForm of(String id, boolean isNew, String file, String base, String edit) {
        FrontMatterParser.Split split = FrontMatterParser.split(id + ".md", file);
        FrontMatter fm = split.frontMatter();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : TEXT_FIELDS) {
            Object value = fm.get(name);
            if (value instanceof List<?> list) {
                fields.put(name, String.join(", ", list.stream().map(String::valueOf).toList()));
            } else if (value != null) {
                fields.put(name, String.valueOf(value));
            }
        }
        List<SourceRow> sources = new ArrayList<>();
        if (fm.get("sources") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    sources.add(new SourceRow(text(m.get("title")), text(m.get("url")), text(m.get("accessed")),
                            text(m.get("type"))));
                }
            }
        }
        Map<String, Object> unknown = new LinkedHashMap<>(fm.unknown());
        // A file whose front matter does not parse is edited as text, so nothing in it is lost.
        String raw = split.violations().isEmpty() ? "" : file;
        String original = split.violations().isEmpty() && file.startsWith("---")
                ? file.substring(0, file.length() - split.body().length()) : "";
        return new EditForm(id, isNew, fields, sources, PageWriter.yaml(unknown), split.body(), raw, "", base, edit, original);
    }

    /** The form as posted. */
    static EditForm from(Context ctx) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : TEXT_FIELDS) {
            fields.put(name, param(ctx, "f-" + name).strip());
        }
        List<String> titles = ctx.formParams("source-title");
        List<String> urls = ctx.formParams("source-url");
        List<String> accessed = ctx.formParams("source-accessed");
        List<String> types = ctx.formParams("source-type");
        List<SourceRow> sources = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            SourceRow row = new SourceRow(titles.get(i).strip(), at(urls, i).strip(), at(accessed, i).strip(), at(types, i).strip());
            if (!row.isBlank()) {
                sources.add(row);
            }
        }
        return new EditForm(param(ctx, "id").strip(), ctx.formParam("new") != null, fields, sources, param(ctx, "other"),
                param(ctx, "body"), param(ctx, "raw"), param(ctx, "summary"), param(ctx, "base"), param(ctx, "edit"),
                param(ctx, "original"));
    }

    /** The page's file: the whole text in text mode, otherwise written from the fields. */
    String toMarkdown() {
        if (rawMode()) {
            return raw.replace("\r\n", "\n");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : TEXT_FIELDS) {
            String value = field(name);
            if (value.isEmpty() || name.equals("kind") && value.equals("page")) {
                continue;
            }
            out.put(name, LIST_FIELDS.contains(name)
                    ? Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : value);
        }
        if (!sources.isEmpty()) {
            List<Map<String, String>> list = new ArrayList<>();
            for (SourceRow s : sources) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("title", s.title());
                m.put("url", s.url());
                if (!s.accessed().isEmpty()) {
                    m.put("accessed", s.accessed());
                }
                m.put("type", s.type().isEmpty() ? "other" : s.type());
                list.add(m);
            }
            out.put("sources", list);
        }
        String text = body.replace("\r\n", "\n");
        text = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        String yaml = PageWriter.yaml(out) + (other.isBlank() ? "" : other.strip() + "\n");
        String frontMatter = yaml.isEmpty() ? "" : "---\n" + yaml + "---\n";
        String before = original.replace("\r\n", "\n");
        if (!before.isEmpty() && sameFields(before, frontMatter)) {
            frontMatter = before;
        }
        return frontMatter + text;
    }

    private static boolean sameFields(String a, String b) {
        return FrontMatterParser.split("a.md", a).frontMatter().fields().equals(FrontMatterParser.split("b.md", b).frontMatter().fields());
    }

    /** The same form with the whole file as text (after a conflict, or on request). */
    EditForm asText(String text) {
        return new EditForm(id, isNew, fields, sources, other, body, text, summary, base, edit, original);
    }

    EditForm withBase(String nextBase, String nextEdit) {
        return new EditForm(id, isNew, fields, sources, other, body, raw, summary, nextBase, nextEdit, original);
    }

    /** Source rows to show: the ones there are, and two blank ones to add more. */
    public List<SourceRow> sourceRows() {
        List<SourceRow> rows = new ArrayList<>(sources);
        rows.add(new SourceRow("", "", "", ""));
        rows.add(new SourceRow("", "", "", ""));
        return rows;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? list.get(i) : "";
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("");
    }
}
