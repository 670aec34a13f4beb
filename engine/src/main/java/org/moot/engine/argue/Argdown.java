package org.moot.engine.argue;

import java.util.ArrayList;
import java.util.List;
import org.moot.engine.access.Accounts;
import org.moot.engine.graph.ArgumentTree;
import org.moot.schema.Page;

/**
 * The argument tree of a page in Argdown (argdown.org), the plain-text format of argument
 * mapping tools: the page as a statement, each argument as {@code + <Title>: summary} (for) or
 * {@code - <Title>: summary} (against), two spaces deeper for each level of reply. Reading
 * takes the same subset back, bounded in size, depth and count, with the line of any problem.
 */
public final class Argdown {

    /** A claim and the arguments for and against it, as written in Argdown. */
    public record Claim(String title, String text, List<Claim> pro, List<Claim> con) {}

    static final int MAX_CHARS = 1 << 20;
    static final int MAX_DEPTH = 40;
    static final int MAX_ELEMENTS = 5_000;

    private Argdown() {}

    public static String write(Page page, ArgumentTree tree) {
        StringBuilder out = new StringBuilder("// The arguments for and against \"").append(oneLine(page.title()))
                .append("\", as Argdown (https://argdown.org).\n\n");
        element(out, 0, "", '[', page.title(), page.summary().orElse(""), ']');
        nodes(out, 1, tree);
        return out.toString();
    }

    private static void nodes(StringBuilder out, int depth, ArgumentTree tree) {
        for (ArgumentTree.Node n : tree.pro()) {
            element(out, depth, "+ ", '<', n.argument().title(), n.argument().summary().orElse(""), '>');
            nodes(out, depth + 1, n.replies());
        }
        for (ArgumentTree.Node n : tree.con()) {
            element(out, depth, "- ", '<', n.argument().title(), n.argument().summary().orElse(""), '>');
            nodes(out, depth + 1, n.replies());
        }
    }

    private static void element(StringBuilder out, int depth, String relation, char open, String title, String text, char close) {
        out.append("  ".repeat(depth)).append(relation).append(open).append(title(title)).append(close);
        if (!text.isBlank()) {
            out.append(": ").append(oneLine(text));
        }
        out.append('\n');
    }

    /** Brackets would end an Argdown title early: they become their look-alikes. */
    private static String title(String title) {
        return oneLine(title).replace('<', '‹').replace('>', '›').replace('[', '⁅').replace(']', '⁆');
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Reads a document: its first statement or argument is the claim, and what is indented under it its arguments. */
    public static Claim read(String document) {
        if (document.length() > MAX_CHARS) {
            throw new Accounts.Refused("the Argdown document is larger than " + MAX_CHARS / 1024 + " KB");
        }
        List<Builder> stack = new ArrayList<>(); // the open elements, by depth
        List<Integer> indents = new ArrayList<>();
        Builder root = null;
        int count = 0;
        boolean inFrontMatter = false;
        String[] lines = document.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.equals("===")) {
                inFrontMatter = !inFrontMatter;
                continue;
            }
            if (inFrontMatter || line.isEmpty() || line.startsWith("//") || line.startsWith("#")) {
                continue;
            }
            int indent = raw.length() - raw.stripLeading().length();
            char relation = line.charAt(0);
            boolean related = (relation == '+' || relation == '-') && line.length() > 1 && line.charAt(1) == ' ';
            Builder element = parse(related ? line.substring(2).strip() : line, i + 1);
            if (++count > MAX_ELEMENTS) {
                throw problem(i + 1, "more than " + MAX_ELEMENTS + " arguments");
            }
            if (!related) {
                if (root != null) {
                    throw problem(i + 1, "a second claim: a document maps one claim and the arguments under it (start the line with + or -)");
                }
                root = element;
                stack.add(element);
                indents.add(indent);
                continue;
            }
            if (root == null) {
                throw problem(i + 1, "an argument before any claim: start with the claim, as [Title]: text");
            }
            while (stack.size() > 1 && indents.get(indents.size() - 1) >= indent) {
                stack.remove(stack.size() - 1);
                indents.remove(indents.size() - 1);
            }
            if (indents.get(indents.size() - 1) >= indent) {
                throw problem(i + 1, "an argument must be indented under the claim it supports or attacks");
            }
            if (stack.size() > MAX_DEPTH) {
                throw problem(i + 1, "arguments nested more than " + MAX_DEPTH + " deep");
            }
            Builder parent = stack.get(stack.size() - 1);
            (relation == '+' ? parent.pro : parent.con).add(element);
            stack.add(element);
            indents.add(indent);
        }
        if (root == null) {
            throw new Accounts.Refused("the Argdown document holds no claim");
        }
        return root.build();
    }

    private static Builder parse(String line, int number) {
        char open = line.charAt(0);
        char close = open == '[' ? ']' : open == '<' ? '>' : 0;
        int end = close == 0 ? -1 : line.indexOf(close);
        if (end < 2) {
            throw problem(number, "expected a title in [brackets] or <angle brackets>");
        }
        String title = line.substring(1, end).strip();
        String rest = line.substring(end + 1).strip();
        String text = rest.startsWith(":") ? rest.substring(1).strip() : "";
        if (title.isEmpty() || title.length() > 300) {
            throw problem(number, "a title must have 1 to 300 characters");
        }
        return new Builder(title, text);
    }

    private static Accounts.Refused problem(int line, String message) {
        return new Accounts.Refused("Argdown line " + line + ": " + message);
    }

    private static final class Builder {
        final String title;
        final String text;
        final List<Builder> pro = new ArrayList<>();
        final List<Builder> con = new ArrayList<>();

        Builder(String title, String text) {
            this.title = title;
            this.text = text;
        }

        Claim build() {
            return new Claim(title, text, pro.stream().map(Builder::build).toList(), con.stream().map(Builder::build).toList());
        }
    }
}
