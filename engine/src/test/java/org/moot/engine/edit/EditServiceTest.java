package org.moot.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.TestRepos;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;
import org.moot.schema.PageId;

/**
 * Saving edits on a real site folder. In the graphs, {@code M} is main, {@code e} an edit's own
 * commit on {@code edit/<user>/<n>}, and {@code P} the merge commit that publishes it.
 */
class EditServiceTest {

    static final PageId PAGE = PageId.of("housing/rents");
    static final String TEXT = "---\ntitle: Rents\n---\nline one\nline two\nline three\nline four\nline five\n";

    @TempDir
    Path tmp;
    Site site;
    Repo repo;
    User ann;
    User bob;

    @BeforeEach
    void site() {
        SiteFolder folder = SiteFolder.create(tmp.resolve("site"), true, TestRepos.ADMIN_PASSWORD);
        site = Site.open(folder, Site.Config.DEFAULT);
        repo = Repo.open(folder.content());
        ann = new User("ann", "Ann", EnumSet.of(Role.READER, Role.MEMBER, Role.EDITOR));
        bob = new User("bob", "Bob", EnumSet.of(Role.READER, Role.MEMBER, Role.EDITOR));
        assertThat(save(ann, TEXT, Optional.empty())).isInstanceOf(EditOutcome.Merged.class);
    }

    @AfterEach
    void close() {
        repo.close();
        site.close();
    }

    private EditOutcome save(User user, String text, Optional<String> base) {
        return site.edits().save(user, EditRequest.of(PAGE, text, base, "edit by " + user.name()));
    }

    private String main() {
        return site.pages().graph(Optional.empty()).snapshot().revision();
    }

    private String current() {
        return new String(site.pages().raw(PAGE, Optional.empty()).orElseThrow(), StandardCharsets.UTF_8);
    }

    private RevCommit commit(String revision) throws Exception {
        try (Git git = Git.open(site.folder().content().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(git.getRepository().resolve(revision));
        }
    }

    @Test
    void anEditWhenMainHasNotMovedIsMergedWithItsOwnCommitAsSecondParent() throws Exception {
        //   M0 ──────── P      main: M0 → P
        //     \        /
        //      e ─────┘        edit/ann/2, removed once merged
        String m0 = main();
        var merged = (EditOutcome.Merged) save(ann, TEXT.replace("line two", "line 2"), Optional.of(m0));
        RevCommit p = commit(merged.revision());
        assertThat(p.getParentCount()).isEqualTo(2);
        assertThat(p.getParent(0).name()).isEqualTo(m0);
        assertThat(p.getFullMessage()).startsWith("edit by ann\n\nEdit: edit/ann/" + merged.number());
        RevCommit e = commit(p.getParent(1).name());
        assertThat(e.getParent(0).name()).isEqualTo(m0);
        assertThat(e.getAuthorIdent().getName()).isEqualTo("Ann");
        assertThat(current()).contains("line 2");
        try (Git git = Git.open(site.folder().content().toFile())) {
            assertThat(git.getRepository().exactRef(EditBranches.ref("ann", merged.number()))).isNull();
        }
    }

    @Test
    void aCleanMergeAfterSomeoneElseEditedAnotherPart() {
        //   M0 ── P1 ── P2        Bob publishes first (P1); Ann's edit, based on M0, merges cleanly (P2)
        //    \    /     /
        //     eb ┘     /
        //      \      /
        //       ea ──┘
        String m0 = main();
        assertThat(save(bob, TEXT.replace("line one", "line ONE"), Optional.of(m0))).isInstanceOf(EditOutcome.Merged.class);
        assertThat(save(ann, TEXT.replace("line five", "line FIVE"), Optional.of(m0))).isInstanceOf(EditOutcome.Merged.class);
        assertThat(current()).contains("line ONE").contains("line FIVE");
    }

    @Test
    void aConflictKeepsTheEditAndShowsEverySide() {
        //   M0 ── P1            Bob publishes line two first
        //    \
        //     ea               Ann's change to the same line stays on edit/ann/n; main stays at P1
        String m0 = main();
        save(bob, TEXT.replace("line two", "line two (Bob)"), Optional.of(m0));
        String p1 = main();
        var conflict = (EditOutcome.Conflicted) save(ann, TEXT.replace("line two", "line two (Ann)"), Optional.of(m0));
        assertThat(main()).isEqualTo(p1);
        assertThat(conflict.against()).isEqualTo(p1);
        var file = conflict.conflicts().get(0);
        assertThat(file.path()).isEqualTo("housing/rents.md");
        assertThat(file.base()).contains("line two\n");
        assertThat(file.main()).contains("line two (Bob)");
        assertThat(file.yours()).contains("line two (Ann)");
        assertThat(file.marked()).contains("<<<<<<< main\nline two (Bob)\n=======\nline two (Ann)\n>>>>>>> yours");
        assertThat(file.regions()).hasSize(1);
        assertThat(site.proposals().diff(conflict.number())).extracting(d -> d.path()).containsExactly("housing/rents.md");
    }

    @Test
    void aResolvedConflictIsPublishedFromTheSameBranch() throws Exception {
        //   M0 ── P1 ─────── P2      the resolution r has parents (ea, P1): the merge into main is clean
        //    \         \    /
        //     ea ────── r ─┘
        String m0 = main();
        save(bob, TEXT.replace("line two", "line two (Bob)"), Optional.of(m0));
        var conflict = (EditOutcome.Conflicted) save(ann, TEXT.replace("line two", "line two (Ann)"), Optional.of(m0));
        String resolved = TEXT.replace("line two", "line two (Ann and Bob)");
        var merged = (EditOutcome.Merged) site.edits().save(ann, new EditRequest(PAGE, Optional.of(resolved),
                Optional.of(conflict.against()), "resolve", OptionalInt.of(conflict.number())));
        assertThat(merged.number()).isEqualTo(conflict.number());
        assertThat(current()).isEqualTo(resolved);
        RevCommit resolution = commit(commit(merged.revision()).getParent(1).name());
        assertThat(resolution.getParents()).extracting(RevCommit::name).contains(conflict.against());
    }

    @Test
    void aLostRaceIsMergedAgainAgainstTheNewMain() {
        //   M0 ── Px ── P         while Ann's merge was being made, Bob's Px moved main, so her
        //    \         /          compare-and-swap found main stale; the merge is redone on Px
        //     ea ─────┘           and both changes are kept
        var m0 = repo.resolve(main());
        var ea = repo.commit(Optional.of(m0.tree()), List.of(m0.commit()),
                TestRepos.files("housing/rents.md", TEXT.replace("line one", "line 1")), ann.ident(), ann.ident(), "ann");
        MainWriter writer = new MainWriter(repo);
        int[] checks = {0};
        var published = writer.merge(ea, ann.ident(), ann.ident(), "ann", TestRepos.PUSHED, (against, tree) -> {
            if (checks[0]++ == 0) {
                writer.commit(TestRepos.PUSHED, t -> Optional.of(new MainWriter.Change(
                        TestRepos.files("other.md", "---\ntitle: Other\n---\n"), bob.ident(), "bob meanwhile")));
            }
            return true;
        });
        assertThat(published).isInstanceOf(MainWriter.Published.Merged.class);
        assertThat(checks[0]).isEqualTo(2);
        assertThat(current()).contains("line 1");
        assertThat(site.pages().raw(PageId.of("other"), Optional.empty())).isPresent();
    }

    @Test
    void twoPeopleCreatingTheSamePageConflictRatherThanOverwrite() {
        //   M0 ── P1          Ann creates housing/new (P1)
        //    \
        //     eb             Bob creates it too, from M0: added on both sides, so the full merger decides
        String m0 = main();
        PageId fresh = PageId.of("housing/new");
        assertThat(site.edits().save(ann, EditRequest.of(fresh, "---\ntitle: Ann's\n---\nA\n", Optional.of(m0), "ann")))
                .isInstanceOf(EditOutcome.Merged.class);
        var conflict = (EditOutcome.Conflicted) site.edits().save(bob,
                EditRequest.of(fresh, "---\ntitle: Bob's\n---\nB\n", Optional.of(m0), "bob"));
        assertThat(conflict.conflicts().get(0).main()).contains("Ann's");
        assertThat(conflict.conflicts().get(0).yours()).contains("Bob's");
    }

    @Test
    void aChangeMeetingADeletionIsAConflict() {
        //   M0 ── P1          Ann deletes the page (P1)
        //    \
        //     eb             Bob changed it, from M0: his text is kept on his branch, not dropped
        String m0 = main();
        assertThat(site.edits().save(ann, new EditRequest(PAGE, Optional.empty(), Optional.of(m0), "delete", OptionalInt.empty())))
                .isInstanceOf(EditOutcome.Merged.class);
        assertThat(site.pages().raw(PAGE, Optional.empty())).isEmpty();
        var conflict = (EditOutcome.Conflicted) save(bob, TEXT.replace("line one", "line 1"), Optional.of(m0));
        assertThat(conflict.conflicts().get(0).yours()).contains("line 1");
        // The page is restorable from its history: its last text is one revision back.
        assertThat(site.history().log(PAGE, 10)).extracting(c -> c.summary()).startsWith("delete");
    }

    @Test
    void aMovedPageLeavesARedirectAndKeepsItsHistory() {
        save(bob, TEXT.replace("line one", "line 1"), Optional.of(main()));
        PageId moved = PageId.of("housing/rent-levels");
        var outcome = site.edits().save(ann, new EditRequest(PAGE, Optional.of(TEXT.replace("line one", "line 1")),
                Optional.of(main()), "Move to a clearer name", OptionalInt.empty(), Optional.of(moved)));
        assertThat(outcome).isInstanceOf(EditOutcome.Merged.class);
        assertThat(site.pages().raw(PAGE, Optional.empty())).isEmpty();
        String text = new String(site.pages().raw(moved, Optional.empty()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("---\ntitle: Rents\nredirect-from:\n  - housing/rents\n---\n");
        assertThat(site.pages().find(PAGE, Optional.empty(), site.tip()))
                .isEqualTo(new org.moot.engine.read.Lookup.Redirect(moved));
        assertThat(site.history().log(moved, 10)).extracting(c -> c.summary())
                .contains("Move to a clearer name", "edit by bob", "edit by ann");
        var taken = site.edits().save(ann, new EditRequest(moved, Optional.of(text), Optional.of(main()), "clash",
                OptionalInt.empty(), Optional.of(PageId.HOME)));
        assertThat(taken).isInstanceOf(EditOutcome.Invalid.class);
    }

    @Test
    void aDeletedFolderPageIsRestoredAsTheFolderPage() {
        PageId folder = PageId.of("housing");
        site.edits().save(ann, EditRequest.of(folder, "---\ntitle: Housing\nkind: topic\n---\n", Optional.of(main()), "make"));
        String was = main();
        site.edits().save(ann, new EditRequest(folder, Optional.empty(), Optional.of(main()), "delete", OptionalInt.empty()));
        assertThat(site.pages().raw(folder, Optional.empty())).isEmpty();
        String old = new String(site.pages().raw(folder, Optional.of(was)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(site.edits().save(ann, EditRequest.of(folder, old, Optional.of(main()), "restore")))
                .isInstanceOf(EditOutcome.Merged.class);
        assertThat(site.pages().graph(Optional.empty()).page(folder).orElseThrow().path()).isEqualTo("housing/index.md");
    }

    @Test
    void aMembersEditIsKeptAsAProposal() {
        User mo = new User("mo", "Mo", EnumSet.of(Role.READER, Role.MEMBER));
        String m0 = main();
        var proposed = (EditOutcome.Proposed) save(mo, TEXT.replace("line three", "line THREE"), Optional.of(m0));
        assertThat(main()).isEqualTo(m0);
        assertThat(proposed.reason()).contains("editors publish");
        assertThat(branch("mo", proposed.number()).tip()).isNotNull();
    }

    @Test
    void invalidContentIsNeverCommitted() throws Exception {
        String m0 = main();
        var invalid = (EditOutcome.Invalid) save(ann, "---\ntitle: X\nkind: argument\n---\nbody", Optional.of(m0));
        assertThat(invalid.violations()).extracting(v -> v.toString()).containsExactlyInAnyOrder(
                "housing/rents.md:2: an argument must have a 'stance': for or against",
                "housing/rents.md:2: an argument must name the page or argument it is about in 'on'");
        assertThat(main()).isEqualTo(m0);
        assertThat(new EditBranches(repo).open()).isEmpty();
    }

    @Test
    void discussionsCannotBeWrittenAsPages() {
        var forged = site.edits().save(ann, EditRequest.of(PageId.of("talk/proposals/1/20260101-000000-000-bob"),
                "---\nauthor: bob\n---\nI agree with everything Ann says.\n", Optional.of(main()), "forge"));
        assertThat(forged).isInstanceOf(EditOutcome.Denied.class);
        var moved = site.edits().save(ann, new EditRequest(PAGE, Optional.of(TEXT), Optional.of(main()), "hide",
                OptionalInt.empty(), Optional.of(PageId.of("talk/rents"))));
        assertThat(moved).isInstanceOf(EditOutcome.Denied.class);
    }

    @Test
    void readersMayNotEvenPropose() {
        User reader = new User("rea", "Rea", EnumSet.of(Role.READER));
        assertThat(save(reader, TEXT + "more", Optional.of(main()))).isInstanceOf(EditOutcome.Denied.class);
    }

    @Test
    void firstParentHistoryIsTheListOfPublishedEdits() throws Exception {
        save(bob, TEXT.replace("line one", "line ONE"), Optional.of(main()));
        save(ann, TEXT.replace("line one", "line ONE").replace("line two", "line TWO"), Optional.of(main()));
        Process log = new ProcessBuilder("git", "log", "--first-parent", "--format=%an|%s", "main")
                .directory(site.folder().content().toFile()).start();
        List<String> lines = new String(log.getInputStream().readAllBytes()).lines().toList();
        assertThat(lines).containsExactly("Ann|edit by ann", "Bob|edit by bob", "Ann|edit by ann", "Moot|Create the site");
    }

    private EditBranches.Branch branch(String user, int n) {
        return new EditBranches(repo).find(n).filter(b -> b.user().equals(user)).orElseThrow();
    }
}
