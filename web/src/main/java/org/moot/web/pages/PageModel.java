package org.moot.web.pages;

import gg.jte.Content;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.engine.read.PageView;
import org.moot.schema.Details;
import org.moot.schema.Kind;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.web.Chrome;
import org.moot.web.Html;

/** The view record of page.jte. */
public record PageModel(Chrome chrome, PageView view, Content body, List<Group> children,
                        Map<String, String> otherFields, String notice, boolean watched, int comments, Collective collective,
                        List<org.moot.engine.papers.PaperVersions.Version> versions, Map<PageId, String> notes,
                        List<org.moot.engine.read.Contributors.Contributor> proposers,
                        List<org.moot.engine.access.Account> helpers, List<org.moot.engine.govern.Proceeding> polls,
                        boolean mayAttachPolls) {

    /** A response's or synthesis's writers (most edits first), and, for a synthesis, the responses on its theme it does not draw on yet. */
    public record Collective(List<org.moot.engine.read.Contributors.Contributor> contributors, List<Page> notDrawnOn) {}

    /** Children of one kind, under a heading. */
    public record Group(String heading, List<Page> pages) {}

    private static final Map<Kind, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put(Kind.TOPIC, "Topics");
        HEADINGS.put(Kind.CALL, "Calls for papers and for help");
        HEADINGS.put(Kind.PAPER, "Position papers");
        HEADINGS.put(Kind.RESPONSE, "Collective responses");
        HEADINGS.put(Kind.SYNTHESIS, "Syntheses");
        HEADINGS.put(Kind.FACT, "Facts");
        HEADINGS.put(Kind.PAGE, "Pages");
        HEADINGS.put(Kind.ARGUMENT, "Arguments");
    }

    static PageModel of(Chrome chrome, PageView view, String notice, boolean watched, int comments, Collective collective,
                        List<org.moot.engine.papers.PaperVersions.Version> versions, Map<PageId, String> notes,
                        List<org.moot.engine.read.Contributors.Contributor> proposers,
                        List<org.moot.engine.access.Account> helpers, List<org.moot.engine.govern.Proceeding> polls,
                        boolean mayAttachPolls) {
        List<Group> groups = new ArrayList<>();
        HEADINGS.forEach((kind, heading) -> {
            List<Page> pages = view.children().stream().filter(p -> p.kind() == kind).toList();
            if (!pages.isEmpty()) {
                groups.add(new Group(heading, pages));
            }
        });
        Map<String, String> other = new LinkedHashMap<>();
        // A fact's open disputes are shown with the figure, not as a field.
        view.page().frontMatter().unknown().forEach((k, v) -> {
            if (!(view.page().kind() == Kind.FACT && k.equals("disputes"))) {
                other.put(k, String.valueOf(v));
            }
        });
        return new PageModel(chrome, view, Html.of(view.html()), groups, other, notice, watched, comments, collective, versions, notes,
                proposers, helpers, polls, mayAttachPolls);
    }

    public Page page() {
        return view.page();
    }

    /** The folder new pages made from this one go into: a topic's own folder, else this page's. */
    public PageId here() {
        return page().kind() == Kind.TOPIC ? page().id() : page().id().folder().orElse(PageId.HOME);
    }

    /** Whether to offer arguments for and against: on anything but topics and facts. */
    public boolean debatable() {
        return page().kind() != Kind.TOPIC && page().kind() != Kind.FACT && !page().id().isHome();
    }

    public Details.Paper paper() {
        return page().details() instanceof Details.Paper d ? d : null;
    }

    public Details.Fact fact() {
        return page().details() instanceof Details.Fact d ? d : null;
    }

    /** How hard this fact is, scored today; null on other pages. */
    public org.moot.engine.read.FactStrength strength() {
        return org.moot.engine.read.FactStrength.of(page(), java.time.LocalDate.now(java.time.ZoneOffset.UTC)).orElse(null);
    }

    /** The comments that dispute this fact now, by number. */
    public List<Integer> disputes() {
        return org.moot.engine.read.FactStrength.disputes(page());
    }

    public Details.Call call() {
        return page().details() instanceof Details.Call d ? d : null;
    }

    /** The papers that answer this call: those that name it among their parents. */
    public List<Page> answers() {
        return view.children().stream().filter(p -> p.kind() == Kind.PAPER).toList();
    }

    public Details.Argument argument() {
        return page().details() instanceof Details.Argument d ? d : null;
    }

    public Details.Response response() {
        return page().details() instanceof Details.Response d ? d : null;
    }

    public Details.Synthesis synthesis() {
        return page().details() instanceof Details.Synthesis d ? d : null;
    }

    /** The related pages under the heading their kind calls for. */
    public String relatedHeading() {
        return switch (page().kind()) {
            case PAPER -> "Collective response";
            case RESPONSE -> "Responds to";
            case SYNTHESIS -> "Theme and responses drawn on";
            case ARGUMENT -> argument().stance().map(s -> s == Details.Stance.FOR ? "Supports" : "Opposes").orElse("About");
            default -> "Related";
        };
    }

    public static String kindLabel(Kind kind) {
        return switch (kind) {
            case TOPIC -> "Topic";
            case PAPER -> "Position paper";
            case RESPONSE -> "Collective response";
            case SYNTHESIS -> "Synthesis";
            case FACT -> "Fact";
            case ARGUMENT -> "Argument";
            case CALL -> "Call";
            case PAGE -> "Page";
        };
    }

    /** Only http(s) URLs become links: a page with problems may still carry a bad one. */
    public static boolean isWebUrl(String url) {
        return url.matches("(?i)https?://\\S+");
    }

    public static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
