package org.moot.engine.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do beyond reading. Everyone with an account is a reader; the other roles are
 * granted in {@code .moot/roles.yaml}. Any granted role includes what a member may do.
 */
public enum Role {
    READER, MEMBER, EDITOR, FACT_CHECKER, MODERATOR,
    /** Drawn by lot from volunteers (see {@code .moot/governance.yaml}): sets, with admins, how members govern. */
    COUNCIL,
    ADMIN;

    /** The name in roles.yaml and on the command line, e.g. {@code fact-checker}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.id().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
