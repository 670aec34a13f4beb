package org.moot.engine.argue;

import java.util.ArrayList;
import java.util.List;
import org.moot.engine.graph.ArgumentTree;
import org.moot.engine.render.HtmlSanitizer;
import org.moot.schema.Page;

/**
 * A picture of a page's argument tree, as SVG made on the server: the page on the left, each
 * level of arguments one column further right, replies beside what they answer. Arguments for
 * are blue with solid lines and a "+", against are vermilion with dashed lines and a "−" (the
 * Okabe–Ito colours, told apart by colour-blind readers, and by line and sign in grey print).
 * Every text is escaped; the picture holds no script and no link.
 */
public final class ArgumentMap {

    private static final int BOX_W = 210;
    private static final int BOX_H = 58;
    private static final int COL = 260;
    private static final int ROW = 70;
    private static final int MARGIN = 16;
    private static final int TOP = 40;
    private static final int CHARS_PER_LINE = 30;

    private record Box(Page page, int depth, double row, boolean pro, Box parent) {}

    private ArgumentMap() {}

    public static String svg(Page page, ArgumentTree tree) {
        List<Box> boxes = new ArrayList<>();
        double[] nextLeaf = {0};
        Box root = place(page, tree, 0, true, null, boxes, nextLeaf);
        int depth = boxes.stream().mapToInt(Box::depth).max().orElse(0);
        int width = MARGIN * 2 + depth * COL + BOX_W;
        int height = TOP + MARGIN + (int) Math.ceil(Math.max(1, nextLeaf[0])) * ROW;
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\" role=\"img\">\n")
                .append("<title>").append(esc("Arguments for and against: " + page.title())).append("</title>\n")
                .append("<text x=\"").append(MARGIN).append("\" y=\"20\" fill=\"#333\">")
                .append("<tspan fill=\"#0072B2\" font-weight=\"bold\">+ for</tspan> (solid)   ")
                .append("<tspan fill=\"#D55E00\" font-weight=\"bold\">− against</tspan> (dashed)</text>\n");
        for (Box b : boxes) {
            if (b.parent() != null) {
                edge(svg, b);
            }
        }
        for (Box b : boxes) {
            box(svg, b, b == root);
        }
        return svg.append("</svg>\n").toString();
    }

    /** Places a page and, below it in reading order, its arguments; a leaf takes the next free row, a parent the middle of its children. */
    private static Box place(Page page, ArgumentTree replies, int depth, boolean pro, Box parent, List<Box> out, double[] nextLeaf) {
        int index = out.size();
        out.add(null); // keeps parents before children in the list
        List<Box> children = new ArrayList<>();
        Box self = new Box(page, depth, 0, pro, parent);
        for (ArgumentTree.Node n : replies.pro()) {
            children.add(place(n.argument(), n.replies(), depth + 1, true, self, out, nextLeaf));
        }
        for (ArgumentTree.Node n : replies.con()) {
            children.add(place(n.argument(), n.replies(), depth + 1, false, self, out, nextLeaf));
        }
        double row = children.isEmpty() ? nextLeaf[0]++ : (children.get(0).row() + children.get(children.size() - 1).row()) / 2;
        Box placed = new Box(page, depth, row, pro, parent);
        out.set(index, placed);
        // Children were placed with a parent whose row was not known yet: point them at the placed one.
        for (int i = index + 1; i < out.size(); i++) {
            Box b = out.get(i);
            if (b != null && b.parent() == self) {
                out.set(i, new Box(b.page(), b.depth(), b.row(), b.pro(), placed));
            }
        }
        return placed;
    }

    private static int x(Box b) {
        return MARGIN + b.depth() * COL;
    }

    private static int y(Box b) {
        return TOP + (int) Math.round(b.row() * ROW);
    }

    private static void edge(StringBuilder svg, Box b) {
        int x1 = x(b.parent()) + BOX_W;
        int y1 = y(b.parent()) + BOX_H / 2;
        int x2 = x(b);
        int y2 = y(b) + BOX_H / 2;
        int mid = (x1 + x2) / 2;
        svg.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(mid).append(',').append(y1).append(' ')
                .append(mid).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                .append("\" fill=\"none\" stroke=\"").append(colour(b.pro())).append("\" stroke-width=\"2\"")
                .append(b.pro() ? "" : " stroke-dasharray=\"6 4\"").append("/>\n")
                .append("<text x=\"").append(x2 - 14).append("\" y=\"").append(y2 - 8).append("\" fill=\"").append(colour(b.pro()))
                .append("\" font-weight=\"bold\" font-size=\"15\">").append(b.pro() ? "+" : "−").append("</text>\n");
    }

    private static void box(StringBuilder svg, Box b, boolean root) {
        String stroke = root ? "#333" : colour(b.pro());
        String fill = root ? "#fff" : b.pro() ? "#E6F0F8" : "#FBEAE0";
        svg.append("<rect x=\"").append(x(b)).append("\" y=\"").append(y(b)).append("\" width=\"").append(BOX_W)
                .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append(root ? 2.5 : 1.5).append('"')
                .append(root || b.pro() ? "" : " stroke-dasharray=\"6 4\"").append("/>\n");
        List<String> lines = wrap(b.page().title());
        for (int i = 0; i < lines.size(); i++) {
            svg.append("<text x=\"").append(x(b) + 8).append("\" y=\"").append(y(b) + 18 + i * 15).append("\" fill=\"#1a1a1a\"")
                    .append(root ? " font-weight=\"bold\"" : "").append('>').append(esc(lines.get(i))).append("</text>\n");
        }
    }

    private static String colour(boolean pro) {
        return pro ? "#0072B2" : "#D55E00";
    }

    /** A title in at most three lines of about thirty characters, cut with an ellipsis. */
    static List<String> wrap(String title) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : title.strip().split("\\s+")) {
            String w = word.length() > CHARS_PER_LINE ? word.substring(0, CHARS_PER_LINE - 1) + "…" : word;
            if (line.length() > 0 && line.length() + 1 + w.length() > CHARS_PER_LINE) {
                lines.add(line.toString());
                line.setLength(0);
                if (lines.size() == 3) {
                    String last = lines.get(2);
                    lines.set(2, (last.length() > CHARS_PER_LINE - 1 ? last.substring(0, CHARS_PER_LINE - 1) : last) + "…");
                    return lines;
                }
            }
            line.append(line.length() > 0 ? " " : "").append(w);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String esc(String text) {
        return HtmlSanitizer.escape(text);
    }
}
