package org.moot.schema;

/** One problem in one file, printed the way compilers do: {@code path:line: message}. */
public record Violation(String path, int line, String message) implements Comparable<Violation> {

    @Override
    public int compareTo(Violation o) {
        int byPath = path.compareTo(o.path);
        return byPath != 0 ? byPath : Integer.compare(line, o.line);
    }

    @Override
    public String toString() {
        return path + ":" + line + ": " + message;
    }
}
