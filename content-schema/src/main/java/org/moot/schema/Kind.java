package org.moot.schema;

import java.util.Locale;
import java.util.Optional;

/** What a page is; decides which front-matter fields it has and how it is shown. */
public enum Kind {
    TOPIC, PAPER, RESPONSE, SYNTHESIS, FACT, ARGUMENT, CALL, PAGE;

    /** The name used in front matter, e.g. {@code paper}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Kind> parse(String text) {
        for (Kind kind : values()) {
            if (kind.id().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
