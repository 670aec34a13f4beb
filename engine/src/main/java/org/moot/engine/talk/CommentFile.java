package org.moot.engine.talk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.PageId;
import org.moot.schema.PageWriter;

/**
 * Where a page's comments live and how each is written: {@code talk/pages/<id>/<n>.md} (the home
 * page's directly in {@code talk/pages/}), front matter for who, when and what it answers, then the
 * Markdown text. A page's sub-pages have folders beside its comment files, never files, so the two
 * cannot collide.
 */
final class CommentFile {

    static final String ROOT = "talk/pages/";

    private CommentFile() {}

    static String folder(PageId page) {
        return page.isHome() ? ROOT : ROOT + page.value() + "/";
    }

    static String path(PageId page, int number) {
        return folder(page) + number + ".md";
    }

    /** The number of a comment file directly in {@code folder}; empty for anything else found there. */
    static OptionalInt number(String folder, String path) {
        String name = path.substring(folder.length());
        if (!name.matches("[1-9][0-9]{0,8}\\.md")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(name.substring(0, name.length() - 3)));
    }

    static byte[] write(Comment c) {
        return write(c, false);
    }

    /** {@code withPage}: for a file kept outside the page's folder (a held comment), which must say whose page it is on. */
    static byte[] write(Comment c, boolean withPage) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (withPage) {
            fields.put("page", c.page().isHome() ? "index" : c.page().value());
        }
        fields.put("author", c.author());
        fields.put("name", c.authorName());
        fields.put("date", c.time().toString());
        c.repliesTo().ifPresent(n -> fields.put("replies-to", n));
        c.quote().ifPresent(q -> fields.put("quote", q));
        c.hidden().ifPresent(h -> {
            fields.put("hidden-by", h.by());
            fields.put("hidden-at", h.at().toString());
            fields.put("hidden-because", h.reason());
        });
        c.dispute().ifPresent(d -> {
            fields.put("dispute", d.state().id());
            d.source().ifPresent(url -> fields.put("better-source", url));
            d.resolution().ifPresent(r -> {
                fields.put("resolved-by", r.by());
                fields.put("resolved-at", r.at().toString());
                fields.put("resolution", r.note());
            });
        });
        return PageWriter.write(fields, c.text().strip() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads what the site wrote; a file changed by hand that no longer reads is shown with what could be read of it. */
    static Comment read(PageId page, int number, byte[] bytes) {
        String path = path(page, number);
        FrontMatterParser.Split split = FrontMatterParser.split(path, new String(bytes, StandardCharsets.UTF_8));
        FrontMatter f = split.frontMatter();
        Optional<Comment.Hidden> hidden = text(f, "hidden-by").map(by -> new Comment.Hidden(by,
                time(f, "hidden-at"), text(f, "hidden-because").orElse("")));
        Optional<Dispute> dispute = text(f, "dispute").flatMap(Dispute.State::parse).map(state -> new Dispute(state,
                text(f, "better-source"), text(f, "resolved-by").map(by -> new Dispute.Resolution(by, time(f, "resolved-at"),
                        text(f, "resolution").orElse("")))));
        return new Comment(page, number, text(f, "author").orElse(""), text(f, "name").orElse(""), time(f, "date"),
                text(f, "replies-to").flatMap(CommentFile::integer), text(f, "quote"), split.body().strip(), hidden, dispute);
    }

    /** A held comment's file: the page it is on is in the file. */
    static Comment readHeld(byte[] bytes) {
        FrontMatter f = FrontMatterParser.split("held.md", new String(bytes, StandardCharsets.UTF_8)).frontMatter();
        PageId page = PageId.of(text(f, "page").orElseThrow(() -> new IllegalArgumentException("a held comment names no page")));
        return read(page, 0, bytes);
    }

    private static Optional<String> text(FrontMatter f, String key) {
        Object value = f.get(key);
        return value == null || value instanceof Map || value instanceof java.util.List ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    private static Instant time(FrontMatter f, String key) {
        try {
            return text(f, key).map(Instant::parse).orElse(Instant.EPOCH);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static Optional<Integer> integer(String text) {
        return text.matches("[1-9][0-9]{0,8}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
    }
}
