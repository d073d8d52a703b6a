package dev.switchboard.ingest.email;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header section of a message, read from its raw bytes: unfolded, each line decoded as
 * UTF-8 when valid (RFC 6532) and through {@link TextDecoder}'s fallback otherwise. Values are
 * kept raw (encoded words intact); {@link #text(String)} decodes them.
 *
 * <p>It accepts what servers store: LF, CRLF or bare CR line ends, a missing blank line, lines
 * that are not headers (counted in {@link #malformedLines()}; after the first field such a line starts
 * the body, as MTAs read it).
 */
public final class MailHeaders {
    /** One header field as it appeared, unfolded. */
    public record Field(String name, String value) {}

    private final List<Field> fields;
    private final int malformedLines;
    private final boolean fallback;
    private final int bodyOffset;

    private final boolean endedEarly;

    private MailHeaders(List<Field> fields, int malformedLines, boolean fallback, int bodyOffset, boolean endedEarly) {
        this.endedEarly = endedEarly;
        this.fields = List.copyOf(fields);
        this.malformedLines = malformedLines;
        this.fallback = fallback;
        this.bodyOffset = bodyOffset;
    }

    public static MailHeaders parse(byte[] raw) {
        List<String> lines = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        boolean fallback = false;
        int i = 0;
        int lineStart = 0;
        int bodyOffset = raw.length;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (i < raw.length) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') {
                i += (b == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') ? 2 : 1;
                if (line.size() == 0) {
                    bodyOffset = i; // the blank line that ends the header section
                    break;
                }
                TextDecoder.Decoded d = decodeLine(line.toByteArray());
                fallback |= d.fallback();
                lines.add(d.text());
                starts.add(lineStart);
                line.reset();
                lineStart = i;
                continue;
            }
            line.write(b);
            i++;
        }
        if (line.size() > 0) {
            TextDecoder.Decoded d = decodeLine(line.toByteArray());
            fallback |= d.fallback();
            lines.add(d.text());
            starts.add(lineStart);
        }
        List<Field> fields = new ArrayList<>();
        int malformed = 0;
        boolean endedEarly = false;
        StringBuilder current = null;
        String currentName = null;
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(' ').append(l.strip());
                } else {
                    malformed++;
                }
                continue;
            }
            if (current != null) {
                fields.add(new Field(currentName, current.toString().strip()));
                current = null;
            }
            int colon = l.indexOf(':');
            if (colon <= 0 || !isFieldName(l.substring(0, colon).stripTrailing())) {
                if (l.startsWith("From ") && fields.isEmpty()) {
                    continue; // mbox separator line, harmless
                }
                malformed++;
                if (!fields.isEmpty()) {
                    // Like MTAs do (Postfix, mime4j): a line that is no header field starts the body.
                    bodyOffset = starts.get(n);
                    endedEarly = true;
                    break;
                }
                continue;
            }
            currentName = l.substring(0, colon).stripTrailing();
            current = new StringBuilder(l.substring(colon + 1).strip());
        }
        if (current != null) {
            fields.add(new Field(currentName, current.toString().strip()));
        }
        return new MailHeaders(fields, malformed, fallback, bodyOffset, endedEarly);
    }

    private static TextDecoder.Decoded decodeLine(byte[] bytes) {
        return TextDecoder.decode(bytes, Optional.of("UTF-8"));
    }

    private static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Lines in the header section that are not header fields. */
    public int malformedLines() {
        return malformedLines;
    }

    /** Whether some header bytes were not valid UTF-8 and were decoded with a fallback. */
    public boolean charsetFallback() {
        return fallback;
    }

    /** Whether the header section ended at a line that is not a header field, without a blank line. */
    public boolean endedEarly() {
        return endedEarly;
    }

    /** Where the body starts in the raw bytes. */
    public int bodyOffset() {
        return bodyOffset;
    }

    public Optional<String> first(String name) {
        return fields.stream()
                .filter(f -> f.name().equalsIgnoreCase(name))
                .map(Field::value)
                .findFirst();
    }

    public List<String> all(String name) {
        return fields.stream()
                .filter(f -> f.name().equalsIgnoreCase(name))
                .map(Field::value)
                .toList();
    }

    public boolean has(String name) {
        return first(name).isPresent();
    }

    /** The first value with encoded words decoded; empty when absent. */
    public Optional<String> text(String name) {
        return first(name).map(v -> EncodedWords.decode(v).text());
    }

    /** Lower-cased first value, for comparisons. */
    public Optional<String> lower(String name) {
        return first(name).map(v -> v.toLowerCase(Locale.ROOT));
    }
}
