package org.moot.schema;

/** A page id that was refused, with the reason in words a user can act on. */
public final class InvalidPageIdException extends IllegalArgumentException {

    public InvalidPageIdException(String id, String reason) {
        super("'" + printable(id) + "' is not a valid page id: " + reason);
    }

    private static String printable(String id) {
        String shown = id.length() > 80 ? id.substring(0, 80) + "…" : id;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
