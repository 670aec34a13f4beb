package org.moot.engine.graph;

import java.util.List;
import org.moot.schema.Page;

/** The arguments directly on a page or argument, each with its own replies, split by stance. */
public record ArgumentTree(List<Node> pro, List<Node> con) {

    public record Node(Page argument, ArgumentTree replies) {}

    public static final ArgumentTree EMPTY = new ArgumentTree(List.of(), List.of());

    public boolean isEmpty() {
        return pro.isEmpty() && con.isEmpty();
    }

    /** How many arguments there are in the whole tree, replies included. */
    public int size() {
        return pro.stream().mapToInt(n -> 1 + n.replies().size()).sum()
                + con.stream().mapToInt(n -> 1 + n.replies().size()).sum();
    }
}
