package org.moot.engine.importing;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.access.Access;
import org.moot.engine.access.Role;
import org.moot.engine.access.Roles;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Origin;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Rewrite;
import org.moot.engine.git.TransferProgress;
import org.moot.engine.git.WriteFailedException;
import org.moot.engine.read.SiteSettings;

/**
 * {@code moot import}: an existing Git repository of Markdown becomes a site's content, every
 * commit, author, date and merge kept. Its files get paths Moot serves ({@link Names}); pages
 * without front matter are plain pages, other files are kept as they are. One commit by the site
 * goes on top: its settings and roles (the site's admin), and a home page if there was none.
 */
public final class Importer {

    /** What was imported. */
    public record Imported(int commits, int renamed, int leftOut, String branch) {}

    private Importer() {}

    /**
     * Imports the main branch of {@code source} (a path or URL) into {@code repo}, whose main must
     * not exist yet; {@code progress} hears the fetch's steps, then "Copying commits".
     */
    public static Imported into(Repo repo, String source, String admin, TransferProgress progress) {
        Map<String, ObjectId> refs = repo.fetchAll(source, progress);
        String branch = List.of("refs/heads/main", "refs/heads/master").stream().filter(refs::containsKey).findFirst()
                .or(() -> refs.keySet().stream().filter(r -> r.startsWith("refs/heads/")).findFirst())
                .orElseThrow(() -> new WriteFailedException(source + " has no branch to import"));
        Names names = new Names();
        Rewrite.Result copied = repo.rewrite(refs.get(branch), new Rewrite.Files() {
            @Override
            public Optional<String> path(String path) {
                return names.of(path);
            }

            @Override
            public byte[] content(String oldPath, String newPath, org.eclipse.jgit.lib.ObjectReader reader, ObjectId blob) {
                return null; // every file keeps its bytes: a page without front matter is a plain page
            }
        }, n -> progress.done((int) n), total -> progress.step("Copying commits", total));
        MainWriter main = new MainWriter(repo);
        if (!main.fastForward(Optional.empty(), copied.tip(), "import of " + source, Origin.site(ChangeSource.SETTINGS)).moved()) {
            throw new WriteFailedException("could not start main at the imported history");
        }
        main.commit(Origin.site(ChangeSource.SETTINGS), tip -> {
            Map<String, byte[]> files = new HashMap<>();
            Roles roles = Roles.NONE.with(admin, EnumSet.of(Role.MEMBER, Role.EDITOR, Role.FACT_CHECKER, Role.MODERATOR, Role.ADMIN));
            files.put(Roles.PATH, roles.toYaml().getBytes(StandardCharsets.UTF_8));
            files.put(SiteSettings.PATH, ("name: " + quoted(siteName(source)) + "\n").getBytes(StandardCharsets.UTF_8));
            if (tip.flatMap(t -> repo.blobAt(t, "index.md")).isEmpty()) {
                boolean home = tip.flatMap(t -> repo.blobAt(t, "home.md")).isPresent();
                files.put("index.md", ("---\ntitle: Home\n---\nImported from " + siteName(source) + ". "
                        + (home ? "Its start page is [[home]]." : "Every page is listed in the [contents](/contents).") + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return Optional.of(new MainWriter.Change(files, Access.site(), "Import " + source + " (" + branch + ") into Moot"));
        });
        return new Imported(copied.commits(), names.renamed(), copied.leftOut(), branch);
    }

    private static String siteName(String source) {
        String name = source.replaceAll("[/\\\\]+$", "").replaceAll(".*[/\\\\:]", "").replaceAll("\\.git$", "");
        return name.isBlank() ? "Imported site" : name;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
