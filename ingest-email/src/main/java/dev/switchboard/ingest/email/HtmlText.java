package dev.switchboard.ingest.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Readable plain text from an HTML mail body (jsoup parses whatever HTML mail clients write).
 *
 * <p>Block elements and {@code <br>} become line breaks, list items get a dash, {@code <pre>}
 * keeps its spacing, scripts, styles and the head are dropped, and the content of every
 * {@code <blockquote>} is prefixed with {@code "> "} per level, so {@link QuoteStripper} treats
 * quoted HTML history like quoted plain text.
 */
public final class HtmlText {
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "section",
            "article",
            "header",
            "footer",
            "table",
            "tr",
            "ul",
            "ol",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "pre",
            "blockquote",
            "address",
            "center",
            "dl",
            "dt",
            "dd",
            "form",
            "fieldset");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "noscript", "template");

    private HtmlText() {}

    public static String toText(String html) {
        Document doc = Jsoup.parse(html);
        Lines out = new Lines();
        render(doc.body() == null ? doc : doc.body(), out, 0, false);
        return out.finish();
    }

    private static void render(Node node, Lines out, int quoteDepth, boolean pre) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                out.text(pre ? text.getWholeText() : text.text(), quoteDepth, pre);
            } else if (child instanceof Element el) {
                String tag = el.normalName();
                if (SKIPPED.contains(tag)) {
                    continue;
                }
                if (tag.equals("br")) {
                    out.newLine(quoteDepth);
                    continue;
                }
                boolean block = BLOCKS.contains(tag);
                int depth = tag.equals("blockquote") ? quoteDepth + 1 : quoteDepth;
                if (block) {
                    out.endLine(quoteDepth);
                }
                if (tag.equals("li")) {
                    out.text("- ", depth, false);
                }
                if (tag.equals("hr")) {
                    out.text("________________________________", depth, false);
                    out.endLine(depth);
                    continue;
                }
                if (tag.equals("td") || tag.equals("th")) {
                    out.text(" ", depth, false);
                }
                if (tag.equals("img") && !el.attr("alt").isBlank()) {
                    out.text(el.attr("alt"), depth, false);
                }
                render(el, out, depth, pre || tag.equals("pre"));
                if (block) {
                    out.endLine(depth);
                }
            }
        }
    }

    /** Builds lines with their quote prefixes and collapses runs of blank lines. */
    private static final class Lines {
        private final StringBuilder done = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private int lineDepth;
        private int blankRun;

        void text(String text, int depth, boolean pre) {
            if (pre) {
                String[] parts = text.split("\r?\n", -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        newLine(depth);
                    }
                    append(parts[i], depth);
                }
                return;
            }
            String collapsed = text.replace('\u00A0', ' ').replaceAll("\\s+", " ");
            if (collapsed.isEmpty()) {
                return;
            }
            if (line.isEmpty()) {
                collapsed = collapsed.stripLeading();
                if (collapsed.isEmpty()) {
                    return;
                }
            } else if (collapsed.startsWith(" ") && line.charAt(line.length() - 1) == ' ') {
                collapsed = collapsed.substring(1);
            }
            append(collapsed, depth);
        }

        private void append(String text, int depth) {
            if (line.isEmpty()) {
                lineDepth = depth;
            }
            line.append(text);
        }

        /** Ends the current line if it has text. */
        void endLine(int depth) {
            if (!line.isEmpty()) {
                newLine(depth);
            }
        }

        /** Ends the current line, even an empty one ({@code <br>}). */
        void newLine(int depth) {
            String content = line.toString().stripTrailing();
            int d = line.isEmpty() ? depth : lineDepth;
            line.setLength(0);
            if (content.isEmpty()) {
                if (++blankRun > 1) {
                    return;
                }
            } else {
                blankRun = 0;
            }
            done.append("> ".repeat(d)).append(content);
            if (d > 0 && content.isEmpty()) {
                done.setLength(done.length() - 1); // "> " on an empty quoted line reads as ">"
            }
            done.append('\n');
        }

        String finish() {
            endLine(lineDepth);
            return done.toString().strip();
        }
    }
}
