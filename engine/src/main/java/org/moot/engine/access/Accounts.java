package org.moot.engine.access;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Accounts, one JSON file each under {@code private/accounts/}. Every write goes to a temporary
 * file first and is renamed into place, so a crash never leaves half an account, and another
 * process ({@code moot user add} while the server runs) sees either the old file or the new.
 */
public final class Accounts {

    /** Lower-case, stable: a user name appears in URLs and in branch names ({@code edit/<name>/<n>}). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    // Role names and site words: an account called "moderator" would pass for the role.
    private static final Set<String> RESERVED = Set.of("moot", "anonymous", "system", "new", "edit", "api", "git",
            "administrator", "moderator", "editor", "fact-checker", "member", "reader", "root", "private", "talk");
    public static final int MIN_PASSWORD = 10;

    /** A mistake in what a person asked for, in words they can act on. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /** A token as created: the plain text is returned this once and never stored. */
    public record NewToken(Account.AccessToken token, String secret) {}

    private final Path dir;
    private final java.util.concurrent.ConcurrentHashMap<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Accounts(Path privateDir) {
        this.dir = privateDir.resolve("accounts");
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Refused("a user name is 2 to 32 lower-case letters, digits or '-', starting with a letter");
        }
        if (RESERVED.contains(name)) {
            throw new Refused("the user name '" + name + "' is reserved");
        }
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new Refused("a password needs at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > 1024) {
            throw new Refused("a password may have at most 1024 characters");
        }
    }

    /** Creates an account; refuses a name that is taken. */
    public Account create(String name, String displayName, String email, String password, boolean pending) {
        checkName(name);
        checkPassword(password);
        if (email != null && !email.isBlank() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new Refused("'" + email + "' does not look like an e-mail address");
        }
        Account account = new Account(name, displayName == null ? name : displayName.strip(),
                email == null ? "" : email.strip(), Secrets.hashPassword(password), pending, now(), List.of(),
                Account.Profile.EMPTY, "");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".new-", ".json");
            json.writeValue(tmp.toFile(), account);
            try {
                // A hard link fails if the name is taken: creation is atomic across processes.
                Files.createLink(file(name), tmp);
            } catch (FileAlreadyExistsException e) {
                throw new Refused("the user name '" + name + "' is taken");
            } finally {
                Files.delete(tmp);
            }
            return account;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Account> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file(name).toFile(), Account.class));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Account> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".json") && !f.startsWith("."))
                    .map(f -> f.substring(0, f.length() - 5))
                    .sorted()
                    .map(this::find)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The account, if the password is right. */
    public Optional<Account> login(String name, String password) {
        return find(name).filter(a -> Secrets.checkPassword(password, a.passwordHash()));
    }

    public void changePassword(String name, String current, String next) {
        checkPassword(next);
        synchronized (lock(name)) {
            Account account = login(name, current).orElseThrow(() -> new Refused("the current password is not right"));
            save(account.withPasswordHash(Secrets.hashPassword(next)));
        }
    }

    public NewToken createToken(String name, String label) {
        synchronized (lock(name)) {
            Account account = require(name);
            String secret = "moot_" + Secrets.random(32);
            var token = new Account.AccessToken(Secrets.random(6), label == null || label.isBlank() ? "token" : label.strip(),
                    Secrets.sha256(secret), now());
            List<Account.AccessToken> tokens = new ArrayList<>(account.tokens());
            tokens.add(token);
            save(account.withTokens(tokens));
            return new NewToken(token, secret);
        }
    }

    public void revokeToken(String name, String tokenId) {
        synchronized (lock(name)) {
            Account account = require(name);
            save(account.withTokens(account.tokens().stream().filter(t -> !t.id().equals(tokenId)).toList()));
        }
    }

    /** The account, if the token is one of its live tokens. */
    public Optional<Account> checkToken(String name, String secret) {
        if (secret == null) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(secret);
        return find(name).filter(a -> a.tokens().stream().anyMatch(t -> Secrets.same(t.hash(), hash)));
    }

    /** Saves a profile; {@code displayName} has passed {@link DisplayNames}, or is null to keep the one there is. */
    void updateProfile(String name, String displayName, Account.Profile profile) {
        synchronized (lock(name)) {
            Account account = require(name);
            save(account.withProfile(displayName == null ? account.displayName() : displayName, profile));
        }
    }

    /** Erases what the account holds about its owner; the name stays, taken, so their history keeps pointing at it. */
    public void close(String name) {
        synchronized (lock(name)) {
            save(Account.closed(require(name), now()));
        }
    }

    public void setPending(String name, boolean pending) {
        synchronized (lock(name)) {
            save(require(name).withPending(pending));
        }
    }

    private Account require(String name) {
        return find(name).orElseThrow(() -> new Refused("there is no account '" + name + "'"));
    }

    private void save(Account account) {
        try {
            Path tmp = Files.createTempFile(dir, ".save-", ".json");
            json.writeValue(tmp.toFile(), account);
            Files.move(tmp, file(account.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        return dir.resolve(name + ".json");
    }

    /** One lock per name within this process; across processes, writes are atomic renames. */
    private Object lock(String name) {
        return locks.computeIfAbsent(name, k -> new Object());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
