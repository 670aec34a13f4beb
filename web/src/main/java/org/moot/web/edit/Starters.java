package org.moot.web.edit;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.engine.access.User;

/**
 * What a new page of each kind starts with: the values its context gives (who, where, about what)
 * and an outline for its text. A choice left out starts at its first value ({@code Fields}).
 */
final class Starters {

    record Starter(Map<String, String> fields, List<EditForm.SourceRow> sources, String body) {}

    private Starters() {}

    /**
     * @param in the topic the page is made under
     * @param on for an argument: what it is about; {@code stance}: for or against
     * @param to for a response: the paper it answers; for a paper: the call it answers
     */
    static Starter of(String kind, User user, String in, String on, String stance, String to) {
        Map<String, String> f = new LinkedHashMap<>();
        String body;
        switch (kind) {
            case "paper" -> {
                f.put("authors", user.name()); // by account: a display name can be anyone's
                if (!to.isEmpty()) {
                    f.put("parents", to); // the call it answers
                }
                body = "[TOC]\n\n## Summary\n\n## The problem\n\n## What we propose\n\n## Evidence\n\n## Costs and risks\n";
            }
            case "response" -> {
                f.put("responds-to", to);
                body = "## What we support\n\n## What we would change\n\n## Open questions\n";
            }
            case "synthesis" -> {
                f.put("theme", in);
                body = "[TOC]\n\n## Where the responses agree\n\n## Where they differ\n\n## What follows\n";
            }
            case "fact" -> {
                f.put("as-of", LocalDate.now().toString());
                body = "## What it measures\n\n## Caveats\n";
            }
            case "argument" -> {
                f.put("stance", stance);
                f.put("on", on);
                body = "State the argument in its strongest form, with its evidence.\n";
            }
            case "call" -> {
                f.put("deadline", LocalDate.now().plusMonths(2).toString());
                body = "## What we need\n\n## Why now\n\n## How to answer\n\nSubmit a paper from this page: it is listed here as an answer.\n";
            }
            case "topic" -> body = "What this topic covers, and where the debate stands.\n";
            default -> body = "";
        }
        return new Starter(f, List.of(), body);
    }
}
