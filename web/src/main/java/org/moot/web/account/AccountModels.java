package org.moot.web.account;

import java.util.List;
import java.util.Map;
import org.moot.engine.access.Account;
import org.moot.engine.git.CommitInfo;
import org.moot.web.Chrome;

/** The view records of the account pages: one per template. */
public final class AccountModels {

    private AccountModels() {}

    /** login.jte */
    public record Login(Chrome chrome, String name, String next, String error) {}

    /** register.jte; {@code values} refills the form after a mistake (never the password). */
    public record Register(Chrome chrome, Map<String, String> values, String error, boolean membersList) {
        public String value(String field) {
            return values.getOrDefault(field, "");
        }
    }

    /**
     * member.jte. {@code profile} is null unless the member is listed or it is their own page;
     * {@code own} is null unless it is their own page.
     */
    public record Member(Chrome chrome, String name, String displayName, List<String> roles, boolean pending,
                         Account.Profile profile, Own own, List<CommitInfo> contributions,
                         List<org.moot.engine.edit.Proposals.Proposal> edits, List<org.moot.engine.talk.Comment> comments,
                         String message) {}

    /**
     * What only the member sees on their own page. {@code newToken} is shown once, right after it
     * is made; {@code helpWanted}: the open calls for help that want a skill they offer; {@code receipts}:
     * their ballot receipts, by the number of the vote.
     */
    public record Own(String email, List<Account.AccessToken> tokens, String newToken, List<org.moot.schema.Page> helpWanted,
                      java.util.Map<String, String> receipts) {}

    /** members.jte: the opt-in directory and its search. */
    public record Directory(Chrome chrome, String q, String skill, String interest, String branch, List<Card> members) {}

    public record Card(String name, String displayName, Account.Profile profile) {}
}
