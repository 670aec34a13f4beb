package org.moot.engine.edit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.moot.engine.SettingsCheck;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.User;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.git.FileChange;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.SourceText;
import org.moot.schema.Violation;

/**
 * The one check every change to the site passes, whatever brought it — the web editor, the API,
 * a proposal's acceptance, a {@code git push}: from a base tree to the tree it would become, every
 * changed file is read as the site will read it, the site-wide rules are applied to the result,
 * and the change as a whole is judged by {@link Permissions}. Nothing else decides.
 */
public final class ChangeCheck {

    /** More files than any one change of a policy wiki touches; an import is a new site, not a push. */
    public static final int MAX_FILES = 10_000;
    /** New bytes one change may bring to be read and checked: far beyond any edit, far below a server's memory. */
    public static final long MAX_BYTES = 64L << 20;
    /** Characters no file name may hold: controls, and those that break URLs, shells or other systems' copies. */
    private static final java.util.regex.Pattern BAD_NAME = java.util.regex.Pattern.compile(
            "[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\x{FFFD}<>:\"\\\\|?*]|(^|/)[\\s\\p{Z}]|[\\s\\p{Z}.]($|/)"
            + "|(?i)(^|/)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\.[^/]*)?($|/)"); // names Windows reserves

    /** What the check found: problems (by file and line) and, when there are none, who may publish it. */
    public record Result(List<Violation> problems, Permissions.Decision decision) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final Repo repo;
    private final SiteGraphs graphs;
    private final Permissions permissions;

    public ChangeCheck(Repo repo, SiteGraphs graphs, Permissions permissions) {
        this.repo = repo;
        this.graphs = graphs;
        this.permissions = permissions;
    }

    /** Checks the change from {@code base} to {@code result} as {@code user} makes it. */
    public Result check(User user, Snapshot base, Snapshot result) {
        List<FileChange> changes = repo.changes(base.tree(), result.tree());
        List<Violation> problems = problems(base, result, changes);
        return problems.isEmpty() ? new Result(List.of(), judge(user, changes)) : refused(problems);
    }

    /**
     * One commit of several that a push brings, whose end result is checked whole by {@link #check}:
     * what Git can hold but a site cannot, and who may make this step. Every step is judged, so no
     * change can pass by being undone in a later commit.
     */
    public Result checkStep(User user, Snapshot parent, Snapshot commit) {
        List<FileChange> changes = repo.changes(parent.tree(), commit.tree());
        List<Violation> problems = files(parent, commit, changes);
        return problems.isEmpty() ? new Result(List.of(), judge(user, changes)) : refused(problems);
    }

    /** The problems a change has or causes, without judging who makes it: for a merge about to be published. */
    public List<Violation> problems(Snapshot base, Snapshot result) {
        return problems(base, result, repo.changes(base.tree(), result.tree()));
    }

    private List<Violation> problems(Snapshot base, Snapshot result, List<FileChange> changes) {
        List<Violation> problems = new ArrayList<>(files(base, result, changes));
        if (!problems.isEmpty()) {
            return sorted(problems); // a file the site cannot hold is not read any further
        }
        problems.addAll(newProblems(graphs.of(base), graphs.of(result), changes));
        problems.addAll(settings(changes));
        return sorted(problems);
    }

    /**
     * Who may publish the change, without checking its files again: for a change already checked
     * when it was made (an open proposal, when a reviewer looks at it).
     */
    public Permissions.Decision judge(User user, Snapshot base, Snapshot result) {
        return judge(user, repo.changes(base.tree(), result.tree()));
    }

    private Permissions.Decision judge(User user, List<FileChange> changes) {
        return permissions.edit(user, changes.stream()
                .map(c -> new Permissions.FileChange(c.path(), page(c.path(), c.before()), page(c.path(), c.after())))
                .toList());
    }

    /** What Git can hold but a site cannot: too many files, huge ones, links and submodules. */
    private List<Violation> files(Snapshot base, Snapshot result, List<FileChange> changes) {
        List<Violation> out = new ArrayList<>();
        if (changes.size() > MAX_FILES) {
            out.add(new Violation("(push)", 1, "this change touches " + changes.size() + " files; at most " + MAX_FILES
                    + " may change at once"));
            return out;
        }
        for (Repo.OddEntry odd : repo.oddEntries(base.tree(), result.tree())) {
            out.add(new Violation(odd.path(), 1, odd.problem()));
        }
        long total = 0;
        Map<String, Map<String, List<String>>> folders = new HashMap<>();
        for (FileChange change : changes) {
            if (change.after().isEmpty()) {
                continue;
            }
            if (BAD_NAME.matcher(change.path()).find() || change.path().length() > 1024) {
                out.add(new Violation(change.path().replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?"), 1,
                        "this file name cannot be served: no control or invisible characters, none of < > : \" \\ | ? *,"
                        + " no space at either end of a name, no dot at its end, none that Windows reserves (con, nul, com1…)"));
            } else if (change.before().isEmpty()) {
                caseTwin(result, change.path(), folders).ifPresent(twin -> out.add(new Violation(change.path(), 1,
                        "this name differs only in case or Unicode form from " + twin + ", which is already there: on Windows and macOS"
                        + " the two would be one file")));
            }
            if (change.before().isEmpty()) { // files already there keep their names (a wiki served as it is)
                PageId.pathProblem(change.path()).ifPresent(problem -> out.add(new Violation(change.path(), 1,
                        "a new Markdown file must be named by a page id: " + problem)));
            }
            long size = repo.size(change.after().get());
            total += size;
            if (size > Repo.MAX_FILE_BYTES) {
                out.add(new Violation(change.path(), 1, "the file has " + size + " bytes; at most " + Repo.MAX_FILE_BYTES
                        + " are allowed"));
            }
        }
        if (total > MAX_BYTES) {
            out.add(new Violation("(push)", 1, "this change brings " + total + " bytes of files; at most " + MAX_BYTES
                    + " may change at once"));
        }
        return out;
    }

    /** An entry of the result that differs from a segment of {@code path} only in case or Unicode form: the first found, as a path. */
    private Optional<String> caseTwin(Snapshot result, String path, Map<String, Map<String, List<String>>> folders) {
        String folder = "";
        for (String segment : path.split("/")) {
            List<String> alike = folders.computeIfAbsent(folder, f -> byFolded(repo.names(result.tree(), f)))
                    .getOrDefault(folded(segment), List.of());
            for (String name : alike) {
                if (!name.equals(segment)) {
                    return Optional.of(folder + name);
                }
            }
            folder = folder + segment + "/";
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> byFolded(List<String> names) {
        Map<String, List<String>> out = new HashMap<>();
        names.forEach(n -> out.computeIfAbsent(folded(n), k -> new ArrayList<>()).add(n));
        return out;
    }

    /**
     * A name as a file system that ignores case and Unicode form sees it: composed (macOS stores
     * "é" decomposed), then upper- and lower-cased, so that "ſ" meets "s" and "ı" meets "i".
     */
    private static String folded(String name) {
        return java.text.Normalizer.normalize(java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC)
                .toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFKC);
    }

    /**
     * Every problem in a file the change touched, and any problem it caused elsewhere (a page whose
     * parent it removed): problems the site already had in files it left alone do not block it.
     */
    private static List<Violation> newProblems(SiteGraph before, SiteGraph after, List<FileChange> changes) {
        if (before.shapeId().equals(after.shapeId())) {
            // Only pages' text changed (the graph was derived): the site-wide problems are the same ones,
            // so the changed pages' own are all that can be new.
            return changes.stream()
                    .flatMap(c -> PageId.fromPath(c.path()).flatMap(after::page).filter(p -> p.path().equals(c.path())).stream())
                    .flatMap(p -> after.problems(p).stream())
                    .toList();
        }
        Set<String> touched = new HashSet<>();
        changes.forEach(c -> touched.add(c.path()));
        Set<String> known = new HashSet<>();
        before.problems().forEach(v -> known.add(v.path() + "\n" + v.message()));
        return after.problems().stream()
                .filter(v -> touched.contains(v.path()) || !known.contains(v.path() + "\n" + v.message()))
                .toList();
    }

    private List<Violation> settings(List<FileChange> changes) {
        List<Violation> out = new ArrayList<>();
        for (FileChange change : changes) {
            if (SettingsCheck.isSettings(change.path()) && change.after().isPresent()) {
                SourceText.Decoded text = SourceText.decode(change.path(), repo.read(change.after().get()));
                out.addAll(text.problems());
                out.addAll(SettingsCheck.check(change.path(), text.text()));
            }
        }
        return out;
    }

    /** The page a file holds, for judging who may change it (kind, authors): read through the parse cache. */
    private Optional<Page> page(String path, Optional<ObjectId> blob) {
        return PageId.fromPath(path).flatMap(id -> blob).map(b -> graphs.parse(new FileEntry(path, b)).page());
    }

    private static List<Violation> sorted(List<Violation> problems) {
        List<Violation> out = new ArrayList<>(problems);
        Collections.sort(out);
        return List.copyOf(out);
    }

    private static Result refused(List<Violation> problems) {
        return new Result(sorted(problems), new Permissions.Decision(Permissions.Verdict.DENY, "the change has problems"));
    }
}
