package org.moot.engine.argue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.User;
import org.moot.engine.edit.ChangeCheck;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.PageWriter;

/**
 * Brings a debate mapped in Argdown onto a page: every argument under the document's claim
 * becomes an argument page, replies under what they answer, all in one commit made a proposal
 * for the editors to review whole, whoever sends it. The commit passes the same check as any
 * edit before the proposal is made.
 */
public final class ArgdownImport {

    /** The proposal made, and how many argument pages it holds. */
    public record Proposed(int number, int arguments) {}

    static final int MAX_ARGUMENTS = 500;

    private final Repo repo;
    private final SiteGraphs graphs;
    private final EditBranches branches;
    private final ChangeCheck check;
    private final java.util.function.Supplier<Set<PageId>> proposed;

    /** @param proposed the ids open proposals would create, which new arguments keep clear of */
    public ArgdownImport(Repo repo, SiteGraphs graphs, EditBranches branches, ChangeCheck check,
                         java.util.function.Supplier<Set<PageId>> proposed) {
        this.proposed = proposed;
        this.repo = repo;
        this.graphs = graphs;
        this.branches = branches;
        this.check = check;
    }

    public Proposed propose(User user, PageId target, String document) {
        if (!user.isMember()) {
            throw new Access.Forbidden("only members propose arguments");
        }
        Argdown.Claim claim = Argdown.read(document == null ? "" : document);
        if (count(claim) > MAX_ARGUMENTS) {
            throw new Accounts.Refused("a document may bring at most " + MAX_ARGUMENTS + " arguments at once");
        }
        Snapshot tip = repo.main().orElseThrow(() -> new NotFoundException("the site has no content yet"));
        SiteGraph graph = graphs.of(tip);
        Page on = graph.page(target).orElseThrow(() -> new NotFoundException("there is no page " + target.value() + " to argue about"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        pages(graph, ProposedArgument.folder(on), on.id(), claim, new HashSet<>(proposed.get()), files);
        if (files.isEmpty()) {
            throw new Accounts.Refused("the document holds no arguments under its claim (lines starting with + or -)");
        }
        ObjectId commit = repo.commit(Optional.of(tip), files, user.ident(), new PersonIdent("Moot", "moot@localhost"),
                "Import " + files.size() + " arguments from Argdown onto " + on.title());
        ChangeCheck.Result result = check.check(user, tip, repo.snapshot(commit));
        if (!result.problems().isEmpty()) {
            var first = result.problems().get(0);
            throw new Accounts.Refused("the arguments cannot be proposed: " + first.path() + ":" + first.line() + ": " + first.message()
                    + (result.problems().size() > 1 ? " (and " + (result.problems().size() - 1) + " more)" : ""));
        }
        if (result.decision().verdict() == org.moot.engine.access.Permissions.Verdict.DENY) {
            throw new Access.Forbidden(result.decision().reason());
        }
        return new Proposed(branches.create(user.name(), commit).number(), files.size());
    }

    private static int count(Argdown.Claim claim) {
        int n = 0;
        java.util.ArrayDeque<Argdown.Claim> todo = new java.util.ArrayDeque<>(List.of(claim));
        while (!todo.isEmpty() && n <= MAX_ARGUMENTS) {
            Argdown.Claim c = todo.poll();
            n += c.pro().size() + c.con().size();
            todo.addAll(c.pro());
            todo.addAll(c.con());
        }
        return n;
    }

    /** The argument pages for the arguments under {@code parent} (the page {@code on}), all in one folder, replies beside what they answer. */
    private static void pages(SiteGraph graph, String folder, PageId on, Argdown.Claim parent, Set<PageId> taken, Map<String, byte[]> files) {
        for (boolean pro : List.of(true, false)) {
            for (Argdown.Claim c : pro ? parent.pro() : parent.con()) {
                PageId id = ProposedArgument.freeId(graph, taken, folder, ProposedArgument.slug(c.title()));
                taken.add(id);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("title", c.title());
                fields.put("kind", "argument");
                fields.put("stance", pro ? "for" : "against");
                fields.put("on", on.isHome() ? "index" : on.value());
                files.put(id.value() + ".md", PageWriter.write(fields, c.text().isEmpty() ? "" : c.text() + "\n").getBytes(StandardCharsets.UTF_8));
                pages(graph, folder, id, c, taken, files);
            }
        }
    }
}
