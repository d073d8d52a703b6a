package dev.switchboard.ingest.email;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the bytes of a text part (or an encoded word) into a string, given the charset the
 * message declares, without ever producing mojibake silently or throwing.
 *
 * <p>The declared charset is used when Java knows it and the bytes are valid in it. Otherwise
 * (unknown name, missing label on 8-bit text, bytes invalid in the declared charset) the text is
 * decoded with a fallback and {@link Decoded#fallback()} is set, so the event carries
 * {@code flags.charsetFallback}. The fallback tries strict UTF-8 first (the most common
 * mislabelling), then picks between windows-1256 (Arabic) and windows-1252 (Western) by the
 * share of non-ASCII letters: Arabic text is almost entirely high bytes, Western text only a few
 * accented letters among ASCII. Known limit: other single-byte scripts (Cyrillic, Greek, Hebrew)
 * that arrive mislabelled are decoded as windows-1252 and flagged.
 */
public final class TextDecoder {
    private static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Labels seen in real mail that Java does not know under that name. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"),
            Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("latin1", "ISO-8859-1"),
            Map.entry("latin-1", "ISO-8859-1"),
            Map.entry("ascii", "US-ASCII"),
            Map.entry("us_ascii", "US-ASCII"),
            Map.entry("cp1256", "windows-1256"),
            Map.entry("win-1256", "windows-1256"),
            Map.entry("x-cp1256", "windows-1256"),
            Map.entry("arabic", "ISO-8859-6"),
            Map.entry("iso-8859-6-i", "ISO-8859-6"),
            Map.entry("iso-8859-6-e", "ISO-8859-6"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("asmo-708", "ISO-8859-6"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("gb2312", "GBK"),
            Map.entry("x-gbk", "GBK"));

    private TextDecoder() {}

    /** Decoded text and whether a fallback was needed. */
    public record Decoded(String text, boolean fallback) {}

    /** Decodes {@code bytes} declared as {@code declaredCharset} (empty when the message names none). */
    public static Decoded decode(byte[] bytes, Optional<String> declaredCharset) {
        Optional<Charset> declared = declaredCharset.flatMap(TextDecoder::charset);
        if (declared.isPresent()) {
            Charset cs = declared.get();
            if (isAscii(cs) && !isAscii(bytes)) {
                // "us-ascii" on 8-bit text: the label is wrong, the bytes are something else.
                return new Decoded(guess(bytes), true);
            }
            Optional<String> strict = strict(bytes, cs);
            if (strict.isPresent()) {
                return new Decoded(strict.get(), false);
            }
            return new Decoded(guess(bytes), true);
        }
        if (isAscii(bytes)) {
            // Plain ASCII decodes the same in every charset we would guess; an unknown label on it is harmless.
            return new Decoded(new String(bytes, StandardCharsets.US_ASCII), false);
        }
        return new Decoded(guess(bytes), true);
    }

    /** The Java charset for a MIME label, if Java has it. */
    public static Optional<Charset> charset(String label) {
        String name = label.trim().replace("\"", "").replace("'", "");
        int star = name.indexOf('*'); // RFC 2231 language suffix: utf-8*en
        if (star >= 0) {
            name = name.substring(0, star);
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        name = ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /** The best reading of bytes whose charset is unknown or wrong. */
    static String guess(byte[] bytes) {
        Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return utf8.get();
        }
        return mostlyHighBytes(bytes) ? new String(bytes, WINDOWS_1256) : new String(bytes, WINDOWS_1252);
    }

    private static boolean mostlyHighBytes(byte[] bytes) {
        int high = 0;
        int asciiLetters = 0;
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v >= 0x80) {
                high++;
            } else if (Character.isLetter(v)) {
                asciiLetters++;
            }
        }
        return high > asciiLetters;
    }

    private static Optional<String> strict(byte[] bytes, Charset cs) {
        try {
            return Optional.of(cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static boolean isAscii(Charset cs) {
        return cs.equals(StandardCharsets.US_ASCII);
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
