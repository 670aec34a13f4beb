package org.moot.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.moot.engine.access.Accounts;
import org.moot.schema.SourceText;
import org.moot.schema.Violation;

/**
 * Request bodies read strictly as UTF-8. Javalin and the servlet container decode bodies and
 * form fields leniently, turning bytes that are not UTF-8 into U+FFFD; a write must refuse them
 * instead, so this looks at the bytes before anything decodes them.
 */
public final class Utf8Body {

    private Utf8Body() {}

    /** The body as text, or where it stops being UTF-8. */
    public static Optional<Violation> problem(Context ctx) {
        return SourceText.utf8Problem("request body", ctx.bodyAsBytes());
    }

    /** Refuses a URL-encoded form any of whose fields, once decoded, is not UTF-8. */
    public static void requireForm(Context ctx) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return;
        }
        String body = new String(ctx.bodyAsBytes(), StandardCharsets.ISO_8859_1);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = new String(percentDecoded(eq < 0 ? pair : pair.substring(0, eq)), StandardCharsets.UTF_8);
            SourceText.utf8Problem(name, percentDecoded(eq < 0 ? "" : pair.substring(eq + 1))).ifPresent(v -> {
                throw new Accounts.Refused("the form field '" + name + "' is not UTF-8 text (line " + v.line()
                        + "); nothing was saved");
            });
        }
    }

    /** The bytes a URL-encoded value stands for; malformed escapes are kept as written. */
    private static byte[] percentDecoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                out.write(c == '+' ? ' ' : c);
            }
        }
        return out.toByteArray();
    }
}
