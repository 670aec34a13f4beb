package org.moot.web.facts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.read.FactStrength;
import org.moot.schema.Details;
import org.moot.schema.Kind;
import org.moot.schema.Page;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.RequestTip;
import org.moot.web.Templates;

/** {@code /facts}: every fact with its figure, age, strength and open disputes, weakest or oldest first for fact-checkers. */
public final class FactsRoutes {

    /** One fact; {@code ageDays} is empty when the figure has no date. */
    public record Row(Page page, Details.Fact fact, FactStrength strength, int disputes, Optional<Long> ageDays) {}

    /** facts.jte; {@code sort} is one of strength, age, title. */
    public record FactsModel(Chrome chrome, List<Row> rows, String sort) {
        public List<String> rule() {
            return FactStrength.RULE;
        }
    }

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public FactsRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/facts", this::show);
    }

    private void show(Context ctx) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String sort = Optional.ofNullable(ctx.queryParam("sort")).filter(s -> s.equals("age") || s.equals("title")).orElse("strength");
        List<Row> rows = site.pages().graph(RequestTip.of(ctx, site)).pages().stream()
                .filter(p -> p.kind() == Kind.FACT && p.details() instanceof Details.Fact)
                .map(p -> new Row(p, (Details.Fact) p.details(), FactStrength.of(p, today).orElseThrow(), FactStrength.disputes(p).size(),
                        ((Details.Fact) p.details()).asOf().map(d -> ChronoUnit.DAYS.between(d, today))))
                .sorted(order(sort)).toList();
        templates.render(ctx, "facts.jte", new FactsModel(frame.chrome(ctx, "Facts"), rows, sort));
    }

    /** Weakest first; oldest (undated first) first; or by title. Ties by title, so the order is stable. */
    private static Comparator<Row> order(String sort) {
        Comparator<Row> byTitle = Comparator.comparing(r -> r.page().title().toLowerCase(java.util.Locale.ROOT));
        return switch (sort) {
            case "age" -> Comparator.comparing((Row r) -> -r.ageDays().orElse(Long.MAX_VALUE)).thenComparing(byTitle);
            case "title" -> byTitle;
            default -> Comparator.comparingInt((Row r) -> r.strength().score()).thenComparing(byTitle);
        };
    }
}
