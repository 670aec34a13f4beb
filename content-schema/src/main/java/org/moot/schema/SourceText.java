package org.moot.schema;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where bytes become text and text is checked for what is not text. Invalid
 * UTF-8, NUL, lone surrogates and control characters are reported as problems with their line,
 * never silently replaced: what a person wrote is either kept as written or refused.
 */
public final class SourceText {

    /** Past this many, the rest of a file's bad characters are not listed one by one. */
    static final int MAX_REPORTED = 5;

    /**
     * The text of a file, and its problems. Invalid bytes are shown as U+FFFD in {@code text} so
     * the page can still be read, but {@code problems} then says where they are.
     */
    public record Decoded(String text, List<Violation> problems) {}

    private SourceText() {}

    public static Decoded decode(String path, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        // Bytes that are not UTF-8 decode to U+FFFD, so without one the text is valid and the
        // strict decoder (a second, slower decoding of every page) has nothing to find.
        Optional<Violation> notUtf8 = text.indexOf('\uFFFD') < 0 ? Optional.empty() : utf8Problem(path, bytes);
        return new Decoded(text, notUtf8.map(List::of).orElseGet(() -> problems(path, text)));
    }

    /** Where {@code bytes} stop being UTF-8, if they do. */
    public static Optional<Violation> utf8Problem(String path, byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = strict.decode(in, CharBuffer.allocate(bytes.length), true);
        if (!result.isError()) {
            return Optional.empty();
        }
        int at = in.position();
        return Optional.of(new Violation(path, lineAt(bytes, at),
                String.format("the text is not valid UTF-8 (byte 0x%02X); it must be UTF-8", bytes[at] & 0xff)));
    }

    /** What in {@code text} is not text: NUL, control characters other than tab and line breaks, lone surrogates. */
    public static List<Violation> problems(String path, String text) {
        List<Violation> out = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < text.length() && out.size() < MAX_REPORTED; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                continue;
            }
            if (c >= 0x20 && c < 0x7f || c == '\t' || c == '\r') {
                continue; // the common case, without a lookup
            }
            final int at = line;
            problem(text, i).ifPresent(p -> out.add(new Violation(path, at, p)));
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
        }
        return out;
    }

    /**
     * Why a summary or other one-line text cannot be used, or empty when it can: one line of
     * printable text of at most {@code maxLength} characters.
     */
    public static Optional<String> lineProblem(String what, String text, int maxLength) {
        if (text.length() > maxLength) {
            return Optional.of(what + " is longer than " + maxLength + " characters");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return Optional.of(what + " must be one line");
        }
        for (int i = 0; i < text.length(); i++) {
            Optional<String> problem = text.charAt(i) == '\t' ? Optional.of("a tab (U+0009) is not allowed here")
                    : problem(text, i);
            if (problem.isPresent()) {
                return Optional.of(what + ": " + problem.get());
            }
            if (Character.isHighSurrogate(text.charAt(i))) {
                i++;
            }
        }
        return Optional.empty();
    }

    /** What is wrong with the character at {@code i}, if anything; tab, line feed and carriage return are text. */
    private static Optional<String> problem(String text, int i) {
        char c = text.charAt(i);
        if (c == 0) {
            return Optional.of("a NUL character (U+0000) is not text; remove it");
        }
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f) {
            return Optional.of(String.format("a control character (U+%04X) is not text; remove it", (int) c));
        }
        if (c == 0xfffe || c == 0xffff) {
            return Optional.of(String.format("U+%04X is not a character; remove it", (int) c));
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? Optional.empty()
                    : Optional.of(String.format("a lone surrogate (U+%04X) is not text; remove it", (int) c));
        }
        if (Character.isLowSurrogate(c)) {
            return Optional.of(String.format("a lone surrogate (U+%04X) is not text; remove it", (int) c));
        }
        return Optional.empty();
    }

    private static int lineAt(byte[] bytes, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
