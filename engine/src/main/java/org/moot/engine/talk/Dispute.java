package org.moot.engine.talk;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A comment on a fact that says the figure is wrong: a thread with a state, which a fact-checker
 * resolves. {@code source} is the better source the member offers, if any.
 */
public record Dispute(State state, Optional<String> source, Optional<Resolution> resolution) {

    public enum State {
        /** Waiting for a fact-checker. */
        OPEN("open"),
        /** The objection is right, and the figure is not corrected yet: it stays marked as disputed. */
        UPHELD("upheld: the figure is wrong and awaits correction"),
        /** The figure was changed to answer it. */
        CORRECTED("corrected"),
        /** The figure stands. */
        REJECTED("rejected: the figure stands");

        private final String words;

        State(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> parse(String text) {
            for (State s : values()) {
                if (s.id().equals(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        /** Whether readers of the figure, wherever it is shown, are told that it is disputed. */
        public boolean marksFact() {
            return this == OPEN || this == UPHELD;
        }
    }

    /** Who resolved it, when, and what they found. */
    public record Resolution(String by, Instant at, String note) {}
}
