package org.moot.engine.access;

import java.util.List;
import java.util.Optional;

/**
 * A person's account, kept in the site's {@code private/} folder: never in content.git, never
 * served, never mirrored. Roles are not here: they come from {@code .moot/roles.yaml} only.
 *
 * @param pending true while a registration waits for an admin's approval
 * @param closed when its owner closed it (empty while open): a closed account keeps only its name,
 *               so that its contributions stay under it and nobody else can take it
 */
public record Account(String name, String displayName, String email, String passwordHash, boolean pending,
                      String created, List<AccessToken> tokens, Profile profile, String closed) {

    /** A script's or git client's credential: only its hash is kept; the token is shown once. */
    public record AccessToken(String id, String label, String hash, String created) {}

    /** What a member chooses to tell others; listed in the directory only if {@code listed}. */
    public record Profile(String bio, List<String> interests, List<String> skills, String branch, boolean listed) {
        public static final Profile EMPTY = new Profile("", List.of(), List.of(), "", false);

        public Profile {
            bio = bio == null ? "" : bio;
            interests = interests == null ? List.of() : List.copyOf(interests);
            skills = skills == null ? List.of() : List.copyOf(skills);
            branch = branch == null ? "" : branch;
        }
    }

    public Account {
        displayName = displayName == null || displayName.isBlank() ? name : displayName;
        email = email == null ? "" : email;
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        profile = profile == null ? Profile.EMPTY : profile;
        closed = closed == null ? "" : closed;
    }

    /**
     * What is left of an account its owner closed: the name and the display name its history is
     * signed with (both public already, and kept so nobody else can take them), when it was made and
     * when it was closed.
     */
    static Account closed(Account account, String when) {
        return new Account(account.name(), account.displayName(), "", "", false, account.created(), List.of(), Profile.EMPTY, when);
    }

    /** Not named isClosed: JSON would read that as a second "closed", the date's rival. */
    public boolean wasClosed() {
        return !closed.isEmpty();
    }

    Account withPasswordHash(String hash) {
        return new Account(name, displayName, email, hash, pending, created, tokens, profile, closed);
    }

    Account withTokens(List<AccessToken> next) {
        return new Account(name, displayName, email, passwordHash, pending, created, next, profile, closed);
    }

    Account withProfile(String display, Profile next) {
        return new Account(name, display, email, passwordHash, pending, created, tokens, next, closed);
    }

    Account withPending(boolean next) {
        return new Account(name, displayName, email, passwordHash, next, created, tokens, profile, closed);
    }

    public Optional<AccessToken> token(String id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
