package org.moot.engine.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Password hashing (Argon2id, OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane) and the
 * random tokens and their hashes. Tokens are 256 random bits, so a fast hash suffices for them.
 */
public final class Secrets {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String hashPassword(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public static boolean checkPassword(String password, String hash) {
        if (hash == null || !hash.startsWith("$argon2id$")) {
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** A random secret in URL-safe base64, e.g. for tokens and session ids. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares secrets in time that does not depend on where they differ. */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
