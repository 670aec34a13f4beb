package org.moot.engine.access;

import java.util.List;
import java.util.Optional;

/**
 * A person's account, kept in the site's {@code private/} folder: never in content.git, never
 * served, never mirrored. Roles are not here: they come from {@code .moot/roles.yaml} only.
 *
 * @param pending true while a registration waits for an admin's approval
 */
public record Account(String name, String displayName, String email, String passwordHash, boolean pending,
                      String created, List<AccessToken> tokens, Profile profile) {

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
    }

    Account withPasswordHash(String hash) {
        return new Account(name, displayName, email, hash, pending, created, tokens, profile);
    }

    Account withTokens(List<AccessToken> next) {
        return new Account(name, displayName, email, passwordHash, pending, created, next, profile);
    }

    Account withProfile(String display, Profile next) {
        return new Account(name, display, email, passwordHash, pending, created, tokens, next);
    }

    Account withPending(boolean next) {
        return new Account(name, displayName, email, passwordHash, next, created, tokens, profile);
    }

    public Optional<AccessToken> token(String id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
