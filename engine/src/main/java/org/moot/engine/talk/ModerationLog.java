package org.moot.engine.talk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.PageId;
import org.moot.schema.PageWriter;

/**
 * The open moderation log: one small YAML file per act in {@code .moot/moderation/}, numbered in
 * order, committed with the change it records, so a mirror carries the whole log and anyone can
 * check it against the comments' own history.
 */
final class ModerationLog {

    static final String FOLDER = ".moot/moderation/";

    private final Repo repo;

    ModerationLog(Repo repo) {
        this.repo = repo;
    }

    /** The newest acts first, at most {@code limit}. */
    List<Act> latest(Snapshot at, int limit) {
        return latest(at, limit, Long.MAX_VALUE);
    }

    /** The newest acts numbered below {@code before}, newest first, at most {@code limit}: one page of the log. */
    List<Act> latest(Snapshot at, int limit, long before) {
        List<FileEntry> files = new ArrayList<>(repo.filesIn(at, FOLDER).stream()
                .filter(f -> number(f.path()) > 0 && number(f.path()) < before).toList());
        files.sort(Comparator.comparingLong((FileEntry f) -> number(f.path())).reversed());
        List<Act> out = new ArrayList<>();
        for (FileEntry f : files.subList(0, Math.min(limit, files.size()))) {
            read(number(f.path()), repo.read(f.blob())).ifPresent(out::add);
        }
        return out;
    }

    long next(Snapshot at) {
        return repo.filesIn(at, FOLDER).stream().mapToLong(f -> number(f.path())).max().orElse(0) + 1;
    }

    static String path(long number) {
        return FOLDER + number + ".yaml";
    }

    static byte[] write(Act act) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("act", act.kind().id());
        fields.put("by", act.by());
        fields.put("at", act.at().toString());
        fields.put("page", act.page().value());
        act.comment().ifPresent(n -> fields.put("comment", n));
        if (!act.reason().isEmpty()) {
            fields.put("reason", act.reason());
        }
        if (!act.note().isEmpty()) {
            fields.put("note", act.note());
        }
        return PageWriter.yaml(fields).getBytes(StandardCharsets.UTF_8);
    }

    /** An act as written; a file changed by hand into something else is left out of the log shown, not an error. */
    static Optional<Act> read(long number, byte[] bytes) {
        FrontMatter f = FrontMatterParser.document(path(number), new String(bytes, StandardCharsets.UTF_8)).frontMatter();
        Optional<Act.Kind> kind = text(f, "act").flatMap(Act.Kind::parse);
        Optional<PageId> page = text(f, "page").flatMap(ModerationLog::pageId);
        if (kind.isEmpty() || page.isEmpty()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = Instant.parse(text(f, "at").orElse(""));
        } catch (RuntimeException e) {
            at = Instant.EPOCH;
        }
        Optional<Integer> comment = text(f, "comment").filter(t -> t.matches("[1-9][0-9]{0,8}")).map(Integer::parseInt);
        return Optional.of(new Act(number, kind.get(), text(f, "by").orElse(""), at, page.get(), comment,
                text(f, "reason").orElse(""), text(f, "note").orElse("")));
    }

    private static Optional<PageId> pageId(String text) {
        try {
            return Optional.of(PageId.of(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(FrontMatter f, String key) {
        Object value = f.get(key);
        return value == null || value instanceof Map || value instanceof List ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    private static long number(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.matches("[1-9][0-9]{0,17}\\.yaml") ? Long.parseLong(name.substring(0, name.length() - 5)) : 0;
    }
}
