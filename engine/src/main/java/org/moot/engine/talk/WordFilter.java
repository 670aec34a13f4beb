package org.moot.engine.talk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.Violation;

/**
 * {@code .moot/filter.yaml}, edited by admins: words and phrases that hold a comment back for a
 * moderator instead of publishing it at once. Matched whole (a listed "ass" does not hold back
 * "class"), without regard to case or to how the spaces inside a phrase are typed.
 */
public record WordFilter(List<String> phrases, List<Pattern> patterns) {

    public static final String PATH = ".moot/filter.yaml";
    public static final WordFilter NONE = new WordFilter(List.of(), List.of());
    static final int MAX_PHRASES = 2_000;
    static final int MAX_PHRASE = 100;

    public record Read(WordFilter filter, List<Violation> problems) {}

    public static Read read(String yaml) {
        FrontMatterParser.Split split = FrontMatterParser.document(PATH, yaml);
        FrontMatter fields = split.frontMatter();
        List<Violation> problems = new ArrayList<>(split.violations());
        Object hold = fields.get("hold");
        List<String> phrases = new ArrayList<>();
        if (hold != null && !(hold instanceof List)) {
            problems.add(new Violation(PATH, fields.line("hold"), "'hold' must be a list of words or phrases"));
        } else if (hold instanceof List<?> list) {
            if (list.size() > MAX_PHRASES) {
                problems.add(new Violation(PATH, fields.line("hold"), "'hold' may list at most " + MAX_PHRASES + " words or phrases"));
            }
            for (Object item : list.subList(0, Math.min(list.size(), MAX_PHRASES))) {
                String phrase = item instanceof String s ? s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) : "";
                if (phrase.isEmpty() || phrase.length() > MAX_PHRASE) {
                    problems.add(new Violation(PATH, fields.line("hold"), "each entry of 'hold' must be a word or phrase of 1 to "
                            + MAX_PHRASE + " characters"));
                } else {
                    phrases.add(phrase);
                }
            }
        }
        List<Pattern> patterns = phrases.stream().map(p -> Pattern.compile("(?<![\\p{L}\\p{N}])"
                + Pattern.quote(p).replace(" ", "\\E\\s+\\Q") + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
        return new Read(new WordFilter(List.copyOf(phrases), patterns), List.copyOf(problems));
    }

    /** The first listed word or phrase the text holds, as typed or as readers will see it. */
    public Optional<String> match(String text) {
        String shown = asShown(text);
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(text).find() || patterns.get(i).matcher(shown).find()) {
                return Optional.of(phrases.get(i));
            }
        }
        return Optional.empty();
    }

    private static final Pattern TAG = Pattern.compile("<[^>]{0,500}>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final java.util.Map<String, String> NAMED = java.util.Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ", "shy", "");

    /**
     * Roughly the text a reader sees: tags dropped, character references read, and what does not
     * show (soft hyphens, zero-width characters, Markdown's emphasis marks) taken out, so that
     * "b&amp;#97;d", "b&lt;i&gt;&lt;/i&gt;ad" or "b**a**d" cannot slip a held word past the filter.
     */
    static String asShown(String text) {
        String noTags = TAG.matcher(text).replaceAll("");
        java.util.regex.Matcher m = ENTITY.matcher(noTags);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.startsWith("#")) {
                int code = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                value = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "";
            } else {
                value = NAMED.getOrDefault(name.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replaceAll("[\\u00AD\\u200B-\\u200D\\u2060\\uFEFF*_~`\\\\]", "");
    }
}
