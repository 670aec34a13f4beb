package org.moot.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.EnumSet;
import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Role;
import org.moot.engine.access.Roles;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Origin;
import org.moot.engine.git.Repo;

/**
 * The layout of a site folder: {@code content.git} (public), {@code private/} (never served),
 * two caches rebuilt when missing: {@code index/} (the search index) and {@code history/}
 * (which commits changed each path), and {@code rendered/} (pages as visitors see them, begun
 * afresh by each server).
 */
public record SiteFolder(Path dir) {

    public Path content() {
        return dir.resolve("content.git");
    }

    public Path privateDir() {
        return dir.resolve("private");
    }

    /** The search index: a cache of content.git, rebuilt with {@code moot reindex}. */
    public Path index() {
        return dir.resolve("index");
    }

    /** Which commits changed each path: a cache of content.git's history, rebuilt when missing. */
    public Path pathIndex() {
        return dir.resolve("history").resolve("paths.bin");
    }

    /** Pages as visitors see them that do not fit in memory: a cache each server begins afresh. */
    public Path rendered() {
        return dir.resolve("rendered");
    }

    public boolean exists() {
        return Files.isDirectory(content().resolve("objects"));
    }

    /** The account every new site starts with; it holds every role, so its operator can begin. */
    public static final String ADMIN = "admin";

    /**
     * Creates a site with the demo content, or with a bare home page when {@code empty}, and the
     * {@link #ADMIN} account with {@code adminPassword}. Built in a temporary folder and moved into
     * place in one step, so a crash never leaves half a site.
     */
    public static SiteFolder create(Path dir, boolean empty, String adminPassword) {
        return build(dir, adminPassword, staged -> {
            Map<String, byte[]> files = empty ? emptySite() : demoSite();
            Roles roles = Roles.NONE.with(ADMIN, EnumSet.of(Role.MEMBER, Role.EDITOR, Role.FACT_CHECKER, Role.MODERATOR, Role.ADMIN));
            files.put(Roles.PATH, roles.toYaml().getBytes(StandardCharsets.UTF_8));
            // The demo's discussion is committed comment by comment, each by its writer, as the site would have.
            Map<String, byte[]> comments = new LinkedHashMap<>();
            files.keySet().stream().filter(p -> p.startsWith("talk/")).toList().forEach(p -> comments.put(p, files.remove(p)));
            try (Repo repo = Repo.create(staged.content())) {
                MainWriter main = new MainWriter(repo);
                main.commit(Origin.site(ChangeSource.SETTINGS), tip -> Optional.of(new MainWriter.Change(files, Access.site(),
                        empty ? "Create the site" : "Create the demo site")));
                comments.forEach((path, text) -> main.commit(Origin.site(ChangeSource.COMMENT), tip -> Optional.of(
                        new MainWriter.Change(Map.of(path, text), writer(text), "Comment on "
                                + path.substring("talk/pages/".length(), path.lastIndexOf('/'))))));
                if (!empty) {
                    org.moot.engine.govern.DemoGovernance.commit(main, roles, java.time.Instant.now());
                }
            }
        });
    }

    /**
     * Copies the site at {@code url}: its {@code content.git}, every ref and all history, and
     * nothing private. Following ({@code follow} present), the copy is a read-only mirror that
     * fetches at that interval; without, it is an independent fork whose {@link #ADMIN}, with
     * {@code adminPassword}, holds the admin role (given in a commit if the original did not).
     */
    public static SiteFolder copy(Path dir, String url, Optional<java.time.Duration> follow, String adminPassword,
                                  org.moot.engine.git.TransferProgress progress) {
        return build(dir, adminPassword, staged -> {
            try (Repo repo = Repo.create(staged.content())) {
                MainWriter main = new MainWriter(repo);
                org.moot.engine.mirror.Upstream upstream = new org.moot.engine.mirror.Upstream(repo, main, url);
                upstream.follow(progress);
                if (follow.isPresent()) {
                    staged.writeMirror(new Mirror(upstream.siteUrl(), upstream.gitUrl(), follow.get()));
                } else {
                    giveAdminTheSite(repo, main, url);
                }
            }
        });
    }

    /**
     * Makes a site of an existing Git repository of Markdown (a path or URL), keeping its history
     * (see {@link org.moot.engine.importing.Importer}); {@code progress} hears each step.
     */
    public static org.moot.engine.importing.Importer.Imported importFrom(Path dir, String source, String adminPassword,
            org.moot.engine.git.TransferProgress progress) {
        var imported = new java.util.concurrent.atomic.AtomicReference<org.moot.engine.importing.Importer.Imported>();
        build(dir, adminPassword, staged -> {
            try (Repo repo = Repo.create(staged.content())) {
                imported.set(org.moot.engine.importing.Importer.into(repo, source, ADMIN, progress));
            }
        });
        return imported.get();
    }

    private static void giveAdminTheSite(Repo repo, MainWriter main, String url) {
        main.commit(Origin.site(ChangeSource.SETTINGS), tip -> {
            Roles roles = tip.flatMap(t -> repo.blobAt(t, Roles.PATH))
                    .map(blob -> Roles.read(new String(repo.read(blob), StandardCharsets.UTF_8)).roles())
                    .orElse(Roles.NONE);
            if (roles.of(ADMIN).contains(Role.ADMIN)) {
                return Optional.empty();
            }
            Roles next = roles.with(ADMIN, EnumSet.of(Role.MEMBER, Role.EDITOR, Role.FACT_CHECKER, Role.MODERATOR, Role.ADMIN));
            return Optional.of(new MainWriter.Change(Map.of(Roles.PATH, next.toYaml().getBytes(StandardCharsets.UTF_8)), Access.site(),
                    "Fork of " + url + ": '" + ADMIN + "' runs this copy"));
        });
    }

    /** A site made in a temporary folder beside {@code dir}, with its private folder and admin, then moved into place. */
    private static SiteFolder build(Path dir, String adminPassword, java.util.function.Consumer<SiteFolder> fill) {
        SiteFolder site = new SiteFolder(dir.toAbsolutePath().normalize());
        if (site.exists()) {
            throw new IllegalStateException(site.dir() + " is already a Moot site");
        }
        try {
            if (Files.exists(site.dir())) {
                try (Stream<Path> entries = Files.list(site.dir())) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException(site.dir() + " exists and is not empty; choose a new folder");
                    }
                }
            }
            Path parent = site.dir().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, ".moot-init-");
            try {
                SiteFolder staged = new SiteFolder(staging);
                Files.createDirectories(staged.privateDir());
                restrict(staged.privateDir());
                new Accounts(staged.privateDir()).create(ADMIN, "Site admin", "", adminPassword, false);
                fill.accept(staged);
                Files.deleteIfExists(site.dir());
                Files.move(staging, site.dir(), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(staging);
            }
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a mirror follows: the upstream site, its repository, and how often it is fetched. */
    public record Mirror(String siteUrl, String gitUrl, java.time.Duration every) {}

    /** Present when this site is a read-only mirror (kept beside the content, never in it). */
    public Optional<Mirror> mirror() {
        Path file = dir.resolve(MIRROR_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Mirror(p.getProperty("site"), p.getProperty("git"),
                java.time.Duration.ofSeconds(Long.parseLong(p.getProperty("follow-seconds", "60")))));
    }

    private void writeMirror(Mirror mirror) {
        String text = "# This site is a read-only mirror of the site below, fetched every follow-seconds.\n"
                + "site=" + mirror.siteUrl() + "\ngit=" + mirror.gitUrl() + "\nfollow-seconds=" + mirror.every().toSeconds() + "\n";
        try {
            Files.writeString(dir.resolve(MIRROR_FILE), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String MIRROR_FILE = "mirror.properties";

    private static Map<String, byte[]> emptySite() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.md", """
                ---
                title: Home
                summary: The start page of this site
                ---
                Welcome. Edit this page, or add topics beside it.
                """.getBytes(StandardCharsets.UTF_8));
        files.put(".moot/site.yaml", "name: Moot\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Who wrote a demo comment and when, from its front matter. */
    private static org.eclipse.jgit.lib.PersonIdent writer(byte[] comment) {
        var fields = org.moot.schema.FrontMatterParser.split("comment.md", new String(comment, StandardCharsets.UTF_8)).frontMatter();
        java.time.Instant when = java.time.Instant.parse(String.valueOf(fields.get("date")));
        return new org.eclipse.jgit.lib.PersonIdent(String.valueOf(fields.get("name")),
                fields.get("author") + org.moot.engine.access.User.EMAIL_DOMAIN, when, java.time.ZoneOffset.UTC);
    }

    /** The demo content shipped in {@code demo/}, listed in {@code demo/files.txt}. */
    static Map<String, byte[]> demoSite() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : resource("files.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            files.put(path, resource(path).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static String resource(String path) {
        try (InputStream in = SiteFolder.class.getResourceAsStream("/demo/" + path)) {
            if (in == null) {
                throw new IllegalStateException("demo file missing from the build: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restrict(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the folder is still never served
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
