package org.moot.engine.access;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Identity on one site: registering (verified against the members list, or waiting for an
 * admin), signing in with a password or a token, and the admin acts on accounts and roles.
 * Who may do what is {@link Permissions}' answer alone.
 */
public final class Access {

    /**
     * The identity of acts done by the site itself (creating the site, verifying a member from the
     * list, {@code moot user add}), made afresh each time so that it carries the time of the act.
     */
    public static PersonIdent site() {
        return new PersonIdent("Moot", "moot@localhost");
    }

    /** What registering led to. */
    public record Registered(Account account, boolean verified) {}

    private final Accounts accounts;
    private final RoleBook roles;
    private final MembersList members;
    private final Permissions permissions;
    private final org.moot.engine.git.History history;
    private final Supplier<Collection<String>> credited;

    /** {@code credited} gives the authors named on the site's papers now: display names may not copy them. */
    public Access(Accounts accounts, RoleBook roles, MembersList members, Permissions permissions,
                  org.moot.engine.git.History history, Supplier<Collection<String>> credited) {
        this.history = history;
        this.credited = credited;
        this.accounts = accounts;
        this.roles = roles;
        this.members = members;
        this.permissions = permissions;
    }

    public Accounts accounts() {
        return accounts;
    }

    public RoleBook roles() {
        return roles;
    }

    public MembersList members() {
        return members;
    }

    public Permissions permissions() {
        return permissions;
    }

    /**
     * Creates an account. With a membership number and postcode that match the members list, the
     * account is a member at once; otherwise it waits, as a reader, for an admin.
     */
    public Registered register(String name, String displayName, String email, String password,
                               String membershipNumber, String postcode) {
        Accounts.checkName(name);
        Accounts.checkPassword(password);
        if (accounts.find(name).isPresent()) {
            throw new Accounts.Refused("the user name '" + name + "' is taken");
        }
        String display = displayName == null || displayName.isBlank() ? name
                : DisplayNames.check(displayName, name, accounts.all(), credited.get());
        boolean verified = members.claim(membershipNumber, postcode);
        Account account = accounts.create(name, display, email, password, !verified);
        if (verified) {
            roles.grant(site(), name, Role.MEMBER, "Verify " + name + " as a member (matched the members list)");
        }
        return new Registered(account, verified);
    }

    /**
     * Saves a member's profile. A new display name must be their own ({@link DisplayNames}); the
     * one they already have, or a blank, keeps what is there.
     */
    public void updateProfile(String name, String displayName, Account.Profile profile) {
        Account account = accounts.find(name).orElseThrow(() -> new Accounts.Refused("there is no account '" + name + "'"));
        boolean keep = displayName == null || displayName.isBlank() || displayName.strip().equals(account.displayName());
        accounts.updateProfile(name, keep ? null : DisplayNames.check(displayName, name, accounts.all(), credited.get()), profile);
    }

    /** The user with this password, if it is right. */
    public Optional<User> login(String name, String password) {
        return accounts.login(name, password).map(roles::user);
    }

    /** The user with this access token, if it is live. */
    public Optional<User> tokenLogin(String name, String token) {
        return accounts.checkToken(name, token).map(roles::user);
    }

    /** The user with their roles as of {@code at}: a request's view of main. */
    public Optional<User> user(String name, org.moot.engine.git.Snapshot at) {
        return accounts.find(name).filter(a -> !a.wasClosed()).map(a -> roles.user(a, at));
    }

    public Optional<User> user(String name) {
        return accounts.find(name).filter(a -> !a.wasClosed()).map(roles::user);
    }

    public void approve(User admin, String name, String reason) {
        requireAdmin(admin);
        open(name);
        roles.grant(admin.ident(), name, Role.MEMBER, reason.isBlank() ? "Approve " + name + " as a member" : reason);
        accounts.setPending(name, false);
    }

    public void setRoles(User admin, String name, java.util.Set<Role> next, String reason) {
        requireAdmin(admin);
        if (reason == null || reason.isBlank()) {
            throw new Accounts.Refused("give a reason: it becomes the message of the public commit");
        }
        open(name);
        roles.set(admin.ident(), name, next, reason.strip(), this::signsIn);
        accounts.setPending(name, false);
    }

    /** Whether {@code name} has an open account: a closed or missing account holds a role in vain. */
    public boolean signsIn(String name) {
        return accounts.find(name).filter(a -> !a.wasClosed()).isPresent();
    }

    private Account open(String name) {
        return accounts.find(name).filter(a -> !a.wasClosed())
                .orElseThrow(() -> new Accounts.Refused("there is no open account '" + name + "'"));
    }

    /** What a member has done on the site, newest first: their commits on {@code main}. */
    public java.util.List<org.moot.engine.git.CommitInfo> contributions(String name) {
        return history.commitsBy(name + User.EMAIL_DOMAIN, 50);
    }

    public int loadMembers(User admin, String csv) {
        requireAdmin(admin);
        return members.load(csv);
    }

    private void requireAdmin(User user) {
        if (!permissions.mayAdminister(user)) {
            throw new Forbidden("only admins may do this");
        }
    }

    /** The user is known but may not do this. */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
