package org.moot.engine.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * How an edit that went to the archive ended, and why: kept as trailers of the commit that closed
 * it ({@code Moot-Closed: declined}, {@code Moot-Reason: "<the reason as a JSON string>"}), so it
 * is read back as data, never recovered from the wording of the message. The reason also stands
 * in the message's body, for people reading {@code git log}.
 */
public record Closing(Outcome outcome, String reason, Optional<String> coveredBy, String by, Optional<String> first) {

    /** A reviewer accepted (merged) or declined a proposal, or the owner abandoned their own edit. */
    public enum Outcome { ACCEPTED, DECLINED, ABANDONED }

    static final String OUTCOME = "Moot-Closed";
    static final String REASON = "Moot-Reason";
    /** The id of the page that already says what a declined proposal said. */
    static final String COVERED_BY = "Moot-Covered-By";
    /** The account that closed it: the reviewer, or the owner who gave up. */
    static final String BY = "Moot-Closed-By";
    /** An accepted edit's first commit: once merged, {@code main} holds its commits and no longer tells them apart. */
    static final String FIRST = "Moot-First-Commit";
    /** A longer reason is refused before it is written; a longer trailer is not read. */
    public static final int MAX_REASON = 20_000;

    public Closing(Outcome outcome, String reason, String by) {
        this(outcome, reason, Optional.empty(), by, Optional.empty());
    }

    public Closing(Outcome outcome, String reason, Optional<String> coveredBy, String by) {
        this(outcome, reason, coveredBy, by, Optional.empty());
    }

    public Closing {
        coveredBy = coveredBy.filter(id -> id.matches("[a-z0-9/-]{1,255}"));
        by = by == null || !by.matches("[a-z0-9-]{1,64}") ? "" : by; // an account name, or nothing
        first = first.filter(id -> id.matches("[0-9a-f]{40}"));
        reason = reason == null ? "" : reason.strip();
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a reason may have at most " + MAX_REASON + " characters");
        }
    }

    /** The message of the closing commit: a subject, the reason as prose, then the trailers. */
    public String message(String subject) {
        try {
            return subject + "\n\n" + (reason.isEmpty() ? "" : reason + "\n\n")
                    + OUTCOME + ": " + outcome.name().toLowerCase(Locale.ROOT) + "\n"
                    + REASON + ": " + new ObjectMapper().writeValueAsString(reason) + "\n"
                    + coveredBy.map(id -> COVERED_BY + ": " + id + "\n").orElse("")
                    + (by.isEmpty() ? "" : BY + ": " + by + "\n")
                    + first.map(id -> FIRST + ": " + id + "\n").orElse("");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a reason", e);
        }
    }

    /** The closing recorded in a commit's trailers, if it has one. */
    static Optional<Closing> of(RevCommit commit) {
        List<FooterLine> footers = commit.getFooterLines();
        Optional<Outcome> outcome = value(footers, OUTCOME).flatMap(Closing::outcome);
        if (outcome.isEmpty()) {
            return Optional.empty();
        }
        String reason = value(footers, REASON).filter(v -> v.length() <= 6 * MAX_REASON + 2).map(v -> {
            try {
                return new ObjectMapper().readValue(v, String.class);
            } catch (JsonProcessingException e) {
                return "";
            }
        }).orElse("");
        return Optional.of(new Closing(outcome.get(), reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason,
                value(footers, COVERED_BY).map(String::strip), value(footers, BY).map(String::strip).orElse(""),
                value(footers, FIRST).map(String::strip)));
    }

    private static Optional<String> value(List<FooterLine> footers, String key) {
        return footers.stream().filter(f -> f.matches(new org.eclipse.jgit.revwalk.FooterKey(key))).map(FooterLine::getValue)
                .reduce((first, later) -> later);
    }

    private static Optional<Outcome> outcome(String value) {
        for (Outcome o : Outcome.values()) {
            if (o.name().equalsIgnoreCase(value.strip())) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
