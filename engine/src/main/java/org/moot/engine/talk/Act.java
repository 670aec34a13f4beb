package org.moot.engine.talk;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.moot.schema.PageId;

/**
 * One act of moderation, as the public log records it: what was done, by whom (an account name,
 * or the site itself for the word filter), when, to which comment of which page, and why.
 */
public record Act(long number, Kind kind, String by, Instant at, PageId page, Optional<Integer> comment, String reason, String note) {

    public enum Kind {
        REPORT("reported"), HIDE("hid"), RESTORE("restored"), REVIEW("asked for a review of the hiding of"),
        UPHOLD("upheld the hiding of"), KEEP("kept, after reports,"), HOLD("held back for a moderator"),
        RELEASE("published, after holding it,"), REJECT("did not publish"),
        /** A fact-checker's answer to a dispute of a fact: its note says upheld, corrected or rejected. */
        RESOLVE("resolved the dispute in");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }

        /** The act in words, as the log reads: "ann reported comment 3 on Health". */
        public String verb() {
            return verb;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Kind> parse(String text) {
            for (Kind k : values()) {
                if (k.id().equals(text)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        /** What a moderator decides; a report or a request for review waits for one of these. */
        boolean decides() {
            return this == HIDE || this == RESTORE || this == UPHOLD || this == KEEP;
        }
    }

    /** The reasons a member can pick when reporting a comment. */
    public enum ReportReason {
        SPAM("spam or advertising"), ABUSE("abuse or harassment"), OFF_TOPIC("off topic"),
        PERSONAL_DATA("someone's personal data"), MISLEADING("deliberately misleading"), OTHER("something else");

        private final String words;

        ReportReason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<ReportReason> parse(String text) {
            for (ReportReason r : values()) {
                if (r.id().equals(text)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }
}
