package org.moot.engine.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The organisation's members list, for verifying registrations: membership number and postcode
 * pairs, kept only as keyed hashes (HMAC-SHA256 with a secret of this site), so the folder never
 * holds the list itself. Each entry verifies one account.
 */
public final class MembersList {

    private final Path list;
    private final Path used;
    private final Path secret;

    public MembersList(Path privateDir) {
        this.list = privateDir.resolve("members.txt");
        this.used = privateDir.resolve("members-used.txt");
        this.secret = privateDir.resolve("members-secret");
    }

    public boolean present() {
        return Files.isRegularFile(list);
    }

    /**
     * Replaces the list with the lines of a CSV ({@code number,postcode}, a header line is
     * skipped); returns how many members it holds.
     */
    public synchronized int load(String csv) {
        Set<String> hashes = new LinkedHashSet<>();
        for (String line : csv.lines().toList()) {
            String[] cells = line.split("[,;\\t]");
            if (cells.length < 2 || cells[0].isBlank() || cells[0].strip().equalsIgnoreCase("number")
                    || cells[0].strip().equalsIgnoreCase("membership number")) {
                continue;
            }
            hashes.add(hash(cells[0], cells[1]));
        }
        write(list, String.join("\n", hashes) + "\n");
        return hashes.size();
    }

    /** True, once, for a number and postcode on the list; the entry is then used up. */
    public synchronized boolean claim(String number, String postcode) {
        if (!present() || number == null || postcode == null || number.isBlank() || postcode.isBlank()) {
            return false;
        }
        String hash = hash(number, postcode);
        if (!read(list).contains(hash) || read(used).contains(hash)) {
            return false;
        }
        try {
            Files.writeString(used, hash + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private String hash(String number, String postcode) {
        String normal = normal(number) + "|" + normal(postcode);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(normal.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normal(String text) {
        return text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    private byte[] key() {
        try {
            if (!Files.exists(secret)) {
                write(secret, Secrets.random(32));
            }
            return Files.readString(secret).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> read(Path file) {
        try {
            return Files.exists(file) ? new HashSet<>(Files.readAllLines(file)) : Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".members-", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
