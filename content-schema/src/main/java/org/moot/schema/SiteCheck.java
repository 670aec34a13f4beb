package org.moot.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Validates a whole site from its files: each page on its own, then the rules that need them
 * all. This is what {@code moot check}, {@code git push} and the site graph agree on.
 */
public final class SiteCheck {

    /** The pages that could be read, and every problem found, sorted by path and line. */
    public record Result(Map<PageId, Page> pages, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    private SiteCheck() {}

    /**
     * @param paths every file path in the site
     * @param parse parses the page at a path (callers cache by content, so this may be cheap)
     */
    public static Result check(List<String> paths, Function<String, PageParser.Parsed> parse) {
        Map<PageId, Page> pages = new TreeMap<>();
        Map<PageId, String> pathOf = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        // Sorted, so that which of two clashing files is reported does not depend on the caller.
        for (String path : paths.stream().sorted().toList()) {
            if (!path.endsWith(".md") || PageId.isReserved(path)) {
                continue;
            }
            var id = PageId.fromPath(path);
            if (id.isEmpty()) {
                violations.add(new Violation(path, 1, "the file name does not make a valid page id: "
                        + "use lower-case letters a-z, digits and '-' in each folder and file name"));
                continue;
            }
            String other = pathOf.putIfAbsent(id.get(), path);
            if (other != null) {
                violations.add(new Violation(path, 1, "this file and " + other + " are both page '" + id.get() + "'"));
                continue;
            }
            PageParser.Parsed parsed = parse.apply(path);
            pages.put(id.get(), parsed.page());
            violations.addAll(parsed.violations());
        }
        violations.addAll(SiteRules.check(pages));
        Collections.sort(violations);
        return new Result(Collections.unmodifiableMap(pages), List.copyOf(violations));
    }
}
