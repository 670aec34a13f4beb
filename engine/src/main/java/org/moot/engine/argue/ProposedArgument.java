package org.moot.engine.argue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.access.Accounts;
import org.moot.engine.edit.EditRequest;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.Details;
import org.moot.schema.Kind;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.PageWriter;

/**
 * The short form any member fills in to add an argument to a page: a stance, the claim in one
 * line, why, and a source if they have one. It becomes an argument page of its own, next to the
 * others on that page, saved like any edit: a member's becomes a proposal for the editors.
 */
public final class ProposedArgument {

    static final int MAX_CLAIM = 200;
    static final int MAX_TEXT = 20_000;

    private ProposedArgument() {}

    /** @param proposed ids that open proposals would create: the new argument's id keeps clear of them */
    public static EditRequest request(SiteGraph graph, java.util.Set<PageId> proposed, PageId target, Details.Stance stance,
                                      String claim, String why, String sourceTitle, String sourceUrl) {
        Page on = graph.page(target).orElseThrow(() -> new Accounts.Refused("there is no page " + target.value() + " to argue about"));
        String title = claim == null ? "" : claim.strip().replaceAll("\\s+", " ");
        if (title.length() < 3 || title.length() > MAX_CLAIM) {
            throw new Accounts.Refused("state the claim in one line of 3 to " + MAX_CLAIM + " characters");
        }
        String text = why == null ? "" : why.strip();
        if (text.length() > MAX_TEXT) {
            throw new Accounts.Refused("the explanation may have at most " + String.format("%,d", MAX_TEXT) + " characters");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("kind", "argument");
        fields.put("stance", stance.name().toLowerCase(Locale.ROOT));
        fields.put("on", target.isHome() ? "index" : target.value());
        String url = sourceUrl == null ? "" : sourceUrl.strip();
        if (!url.isEmpty()) {
            if (!url.matches("https?://[^\\s<>\"]{1,500}")) {
                throw new Accounts.Refused("a source must be a web address starting with http:// or https://");
            }
            String name = sourceTitle == null || sourceTitle.isBlank() ? url : sourceTitle.strip().replaceAll("\\s+", " ");
            fields.put("sources", List.of(Map.of("title", name, "url", url, "type", "other")));
        }
        PageId id = freeId(graph, proposed, folder(on), slug(title));
        return EditRequest.of(id, PageWriter.write(fields, text.isEmpty() ? "" : text + "\n"), Optional.empty(),
                "Propose an argument " + (stance == Details.Stance.FOR ? "for " : "against ") + on.title() + ": " + title);
    }

    /** Next to the arguments on the same page: an argument's replies beside it, a page's in its folder's arguments/. */
    static String folder(Page on) {
        // A folder's own page (health/index.md) keeps its arguments inside that folder.
        boolean folderPage = on.id().isHome() || on.path().endsWith("/index.md");
        String dir = folderPage ? (on.id().isHome() ? "" : on.id().value() + "/")
                : on.id().folder().filter(f -> !f.isHome()).map(f -> f.value() + "/").orElse("");
        return on.kind() == Kind.ARGUMENT ? dir : dir + "arguments/";
    }

    static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.length() > 60 ? slug.substring(0, 60).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "argument" : slug;
    }

    /** An id in {@code folder} that neither the site nor {@code taken} uses yet. */
    static PageId freeId(SiteGraph graph, java.util.Set<PageId> taken, String folder, String slug) {
        for (int n = 1; ; n++) {
            PageId id = PageId.of(folder + slug + (n == 1 ? "" : "-" + n));
            if (graph.page(id).isEmpty() && !taken.contains(id)) {
                return id;
            }
        }
    }
}
