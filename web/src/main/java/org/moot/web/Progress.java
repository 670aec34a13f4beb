package org.moot.web;

import java.io.PrintStream;
import java.time.Duration;

/**
 * How far a long command has got: on a terminal one line rewritten in place (done, rate, time
 * left); otherwise a plain line now and then, so that a log stays readable.
 */
final class Progress {

    private static final long TERMINAL_EVERY = Duration.ofMillis(250).toNanos();
    private static final long LOG_EVERY = Duration.ofSeconds(5).toNanos();

    private final PrintStream out;
    private final String label;
    private final String unit;
    private final long total;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private long done;
    private long shown;

    Progress(PrintStream out, String unit, long total) {
        this(out, "", unit, total);
    }

    /** A progress line headed by {@code label} ("Receiving objects"). */
    Progress(PrintStream out, String label, String unit, long total) {
        this.out = out;
        this.label = label.isEmpty() ? "" : label + ": ";
        this.unit = unit;
        this.total = total;
    }

    /** Called after each item, with the count so far. */
    synchronized void done(long count) {
        done = Math.max(done, count); // counts may arrive out of order from several threads
        long now = System.nanoTime();
        if (now - shown >= (terminal ? TERMINAL_EVERY : LOG_EVERY)) {
            shown = now;
            String line = line(now);
            if (terminal) {
                out.print("\r" + line + "\u001b[K");
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    /** The one-line summary at the end. */
    synchronized void finish(String verb) {
        summary(capitalised(verb) + " ");
    }

    /** The one-line summary at the end of a labelled step. */
    synchronized void finish() {
        summary(label);
    }

    private void summary(String head) {
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        out.printf("%s%s%,d %s in %.1f s (%,.0f %s/s)%n", terminal ? "\r\u001b[K" : "", head, done, unit,
                seconds, done / seconds, unit);
    }

    private String line(long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / seconds;
        String left = rate > 0 && total > done ? String.format(", about %.0f s left", (total - done) / rate) : "";
        String of = total > 0 ? String.format(" of %,d", total) : "";
        return String.format("%s%,d%s %s, %,.0f %s/s%s", label, done, of, unit, rate, unit, left);
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
