package org.moot.engine.access;

import java.util.EnumSet;
import java.util.Set;

/** Who is asking: an account with its roles as of the current {@code main}, or nobody. */
public record User(String name, String displayName, Set<Role> roles) {

    public static final User ANONYMOUS = new User("", "", Set.of());
    /** Commits carry {@code name@users.moot.invalid}: a stable identity that is not an address. */
    public static final String EMAIL_DOMAIN = "@users.moot.invalid";

    public User {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean isAnonymous() {
        return name.isEmpty();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Verified members, and anyone granted a role beyond reading. */
    public boolean isMember() {
        return roles.stream().anyMatch(r -> r != Role.READER);
    }

    /** The account a commit identity belongs to; empty for the site itself and for anyone outside Moot. */
    public static String account(org.eclipse.jgit.lib.PersonIdent ident) {
        return account(ident.getEmailAddress());
    }

    /** The account a commit address belongs to (empty for any other address), matched without regard to case as mail is. */
    public static String account(String address) {
        String email = address.toLowerCase(java.util.Locale.ROOT);
        return email.endsWith(EMAIL_DOMAIN) ? email.substring(0, email.length() - EMAIL_DOMAIN.length()) : "";
    }

    /** The identity this user's commits carry: a pseudonym and a non-address, never their e-mail. */
    public org.eclipse.jgit.lib.PersonIdent ident() {
        return new org.eclipse.jgit.lib.PersonIdent(displayName, name + EMAIL_DOMAIN);
    }
}
