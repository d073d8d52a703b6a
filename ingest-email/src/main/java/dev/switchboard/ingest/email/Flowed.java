package dev.switchboard.ingest.email;

/** Undoes RFC 3676 format=flowed: soft line breaks (a line ending in a space) are joined. */
final class Flowed {
    private Flowed() {}

    static String unflow(String text, boolean delSp) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        int paragraphDepth = -1;
        for (String line : lines) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '>') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1); // space-stuffing
            }
            boolean signature = content.equals("-- ");
            if (paragraphDepth >= 0 && depth != paragraphDepth) {
                flush(out, paragraph, paragraphDepth);
            }
            paragraphDepth = depth;
            if (content.endsWith(" ") && !signature) {
                paragraph.append(delSp ? content.substring(0, content.length() - 1) : content);
            } else {
                paragraph.append(content);
                flush(out, paragraph, depth);
                paragraphDepth = -1;
            }
        }
        if (paragraph.length() > 0) {
            flush(out, paragraph, Math.max(paragraphDepth, 0));
        }
        String result = out.toString();
        return result.endsWith("\n") ? result.substring(0, result.length() - 1) : result;
    }

    private static void flush(StringBuilder out, StringBuilder paragraph, int depth) {
        out.append(">".repeat(depth))
                .append(depth > 0 ? " " : "")
                .append(paragraph)
                .append('\n');
        paragraph.setLength(0);
    }
}
