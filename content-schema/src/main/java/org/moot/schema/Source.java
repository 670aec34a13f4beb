package org.moot.schema;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** Where a figure or claim comes from. {@code accessed} is optional. */
public record Source(String title, String url, Optional<LocalDate> accessed, Type type) {

    public enum Type {
        OFFICIAL_STATISTICS, PEER_REVIEWED, REFERENCE, PRESS, OTHER;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Type> parse(String text) {
            for (Type type : values()) {
                if (type.id().equals(text)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }
}
