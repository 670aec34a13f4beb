package org.moot.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.moot.engine.access.Access;
import org.moot.engine.access.Account;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.edit.Proposals;
import org.moot.engine.govern.BallotBox;
import org.moot.engine.git.Snapshot;
import org.moot.engine.talk.Discussions;
import org.moot.engine.watch.Watchlists;

/**
 * What Moot holds about one member, for them to download, and the erasure when they close their
 * account. Their private data is in {@code private/}: the account (e-mail, password hash, token
 * hashes, profile), their watch list, their ballot receipts and any comments the word filter held.
 * What they wrote is public, in the site's history, under their account name; closing keeps that
 * name, taken, and nothing else.
 */
public final class PersonalData {

    private final Access access;
    private final Watchlists watchlists;
    private final Discussions discussions;
    private final Proposals proposals;
    private final BallotBox ballots;

    PersonalData(Access access, Watchlists watchlists, Discussions discussions, Proposals proposals, BallotBox ballots) {
        this.ballots = ballots;
        this.access = access;
        this.watchlists = watchlists;
        this.discussions = discussions;
        this.proposals = proposals;
    }

    /** Everything about {@code self}, as plain values (for JSON): never a password or token hash. */
    public Map<String, Object> export(User self, Snapshot at) {
        Account a = own(self);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", Map.of("name", a.name(), "displayName", a.displayName(), "email", a.email(), "created", a.created(),
                "pending", a.pending()));
        out.put("roles", self.roles().stream().map(Role::id).sorted().toList());
        out.put("profile", a.profile());
        out.put("tokens", a.tokens().stream().map(t -> Map.of("label", t.label(), "created", t.created())).toList());
        out.put("watchlist", watchlists.of(a.name()).pages());
        var contributions = access.contributions(a.name());
        out.put("contributions", contributions.stream().map(c -> Map.of("revision", c.revision(), "time", c.time().toString(),
                "summary", c.summary())).toList());
        out.put("proposals", proposals.of(a.name()).stream().map(p -> Map.of("number", p.number(), "summary", p.summary(),
                "state", p.state().name().toLowerCase(java.util.Locale.ROOT))).toList());
        out.put("comments", discussions.by(at, a.name(), contributions).stream().map(c -> Map.of("page", c.page().value(),
                "number", c.number(), "time", c.time().toString(), "text", c.text(), "hidden", c.hidden().isPresent())).toList());
        out.put("heldComments", discussions.heldBy(a.name()).stream().map(h -> Map.of("page", h.comment().page().value(),
                "time", h.comment().time().toString(), "text", h.comment().text())).toList());
        out.put("ballotReceipts", ballots.receiptsOf(a.name()));
        out.put("note", "Contributions, comments and proposals are public, in the site's history, under your account name; "
                + "the rest is private to this site.");
        return out;
    }

    /**
     * Closes {@code self}'s account, after their password: their roles are given up in a public
     * commit, and their private data is erased; their contributions stay under their account name.
     */
    public void close(User self, String password) {
        Account a = own(self);
        if (access.accounts().login(a.name(), password == null ? "" : password).isEmpty()) {
            throw new Accounts.Refused("the password is not right; your account is still open");
        }
        if (!self.roles().stream().allMatch(r -> r == Role.READER)) {
            // Refused, with nothing changed, if no other admin who can sign in would be left.
            access.roles().set(Access.site(), a.name(), Set.of(), "Account closed by its owner: roles given up", access::signsIn);
        }
        watchlists.forget(a.name());
        ballots.forget(a.name());
        discussions.forgetHeld(a.name());
        access.accounts().close(a.name());
    }

    private Account own(User self) {
        if (self.isAnonymous()) {
            throw new Access.Forbidden("sign in to see or close your own account");
        }
        return access.accounts().find(self.name()).filter(a -> !a.wasClosed())
                .orElseThrow(() -> new Accounts.Refused("there is no open account '" + self.name() + "'"));
    }
}
